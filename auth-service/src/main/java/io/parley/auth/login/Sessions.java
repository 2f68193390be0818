package io.parley.auth.login;

import io.parley.auth.AuthProperties;
import io.parley.auth.audit.AuditAction;
import io.parley.auth.audit.AuditEvent;
import io.parley.auth.audit.AuditTrail;
import io.parley.auth.token.TokenIssuer;
import io.parley.auth.user.User;
import io.parley.auth.user.Users;
import io.parley.common.error.ApiException;
import io.parley.common.security.AccessTokenClaims;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

/** Starting, refreshing and ending login sessions, with refresh-token rotation and reuse detection. */
@Component
class Sessions {

    private static final Logger log = LoggerFactory.getLogger(Sessions.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SessionStore sessions;
    private final SessionRevocation revocation;
    private final Users users;
    private final TokenIssuer tokens;
    private final JwtDecoder refreshTokens;
    private final AuthProperties properties;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;
    private final Clock clock = Clock.systemUTC();

    Sessions(SessionStore sessions, SessionRevocation revocation, Users users, TokenIssuer tokens,
             @Qualifier("refresh") JwtDecoder refreshTokens, AuthProperties properties,
             ApplicationEventPublisher events, AuditTrail audit) {
        this.sessions = sessions;
        this.revocation = revocation;
        this.users = users;
        this.tokens = tokens;
        this.refreshTokens = refreshTokens;
        this.properties = properties;
        this.events = events;
        this.audit = audit;
    }

    /** The tokens of a signed-in user. */
    record Issued(User user, String accessToken, String refreshToken, Instant expiresAt, String sessionId) {
    }

    Issued start(User user) {
        Instant now = clock.instant();
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        Session session = new Session(HexFormat.of().formatHex(id), user.tenantId(), user.idString(), 0, now, now,
                now.plus(properties.refreshTokenExpiry()), null, null);
        sessions.insert(session);
        log.info("Session started tenant_id={} user_id={} session_id={}", user.tenantId(), user.idString(), session.id());
        events.publishEvent(new SignedIn(user.tenantId(), user.idString()));
        audit.record(AuditEvent.success(user.tenantId(), AuditAction.SIGN_IN,
                AuditEvent.Actor.user(user.idString(), user.handle()), AuditEvent.Target.user(user.idString(), user.handle()))
                .with("provider", user.provider()));
        return issue(user, session);
    }

    /** Rotates the refresh token; an already-rotated token revokes its whole session. */
    Issued refresh(String refreshToken) {
        Jwt token = verify(refreshToken);
        String tenantId = token.getClaimAsString(AccessTokenClaims.TENANT);
        String sessionId = token.getClaimAsString(AccessTokenClaims.SESSION);
        long generation = generation(token);
        Instant now = clock.instant();
        Session session = sessions.find(tenantId, sessionId)
                .filter(s -> s.userId().equals(token.getSubject()))
                .orElseThrow(() -> new ApiException.Unauthorized("Refresh token expired or not found"));
        if (!session.usableAt(now)) {
            throw new ApiException.Unauthorized("Refresh token expired or not found");
        }
        Session advanced = generation == session.generation()
                ? sessions.advance(tenantId, sessionId, generation, now).orElse(null)
                : null;
        if (advanced == null) {
            revocation.revoke(tenantId, sessionId, "refresh token reused");
            log.warn("Refresh token reuse, session revoked tenant_id={} user_id={} session_id={}", tenantId,
                    session.userId(), sessionId);
            throw new ApiException.Unauthorized("refresh_token_reused",
                    "This refresh token was already used; the session has been ended. Please log in again.");
        }
        User user = users.byId(tenantId, session.userId())
                .orElseThrow(() -> new ApiException.Unauthorized("The account no longer exists"));
        return issue(user, advanced);
    }

    /**
     * Ends the session of the refresh cookie when it belongs to the caller, else the one the access
     * token was issued for. Idempotent.
     */
    void end(String tenantId, String userId, String tokenSessionId, String refreshToken) {
        String sessionId = tokenSessionId;
        if (refreshToken != null) {
            try {
                Jwt token = verify(refreshToken);
                if (userId.equals(token.getSubject()) && tenantId.equals(token.getClaimAsString(AccessTokenClaims.TENANT))) {
                    sessionId = token.getClaimAsString(AccessTokenClaims.SESSION);
                }
            } catch (ApiException ignored) {
                // an unusable cookie: end the token's session instead
            }
        }
        if (sessionId != null) {
            revocation.revoke(tenantId, sessionId, "logout");
            log.info("Session ended tenant_id={} user_id={} session_id={}", tenantId, userId, sessionId);
        }
    }

    private Issued issue(User user, Session session) {
        String access = tokens.accessToken(user, session.id());
        String refresh = tokens.refreshToken(user.idString(), user.tenantId(), session.id(), session.generation(),
                session.expiresAt());
        return new Issued(user, access, refresh, session.expiresAt(), session.id());
    }

    private Jwt verify(String refreshToken) {
        try {
            return refreshTokens.decode(refreshToken);
        } catch (JwtException e) {
            throw new ApiException.Unauthorized("Invalid refresh token");
        }
    }

    private static long generation(Jwt token) {
        Object value = token.getClaims().get(TokenIssuer.GENERATION);
        if (value instanceof Number n) {
            return n.longValue();
        }
        throw new ApiException.Unauthorized("Invalid refresh token");
    }
}
