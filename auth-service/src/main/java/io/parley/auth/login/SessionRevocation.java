package io.parley.auth.login;

import io.parley.auth.AuthProperties;
import io.parley.common.redis.Revocations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Ends login sessions: the session's refresh token stops working (the store), and so do the access
 * tokens already issued for it (a revocation by session id the gateway checks on every request, kept
 * for as long as such a token can live). The revocation is written before the caller answers, so a
 * logout is in force at every gateway within {@code Standings.FRESH_FOR}.
 */
@Component
public class SessionRevocation {

    private static final Logger log = LoggerFactory.getLogger(SessionRevocation.class);
    /** Covers a token issued just before the session ended and clocks a little apart. */
    private static final Duration MARGIN = Duration.ofMinutes(1);
    private static final long WRITE_TIMEOUT_SECONDS = 5;

    private final SessionStore sessions;
    private final Revocations revocations;
    private final Duration tokenLifetime;
    private final Clock clock = Clock.systemUTC();

    SessionRevocation(SessionStore sessions, Revocations revocations, AuthProperties properties) {
        this.sessions = sessions;
        this.revocations = revocations;
        this.tokenLifetime = properties.sessionExpiry().plus(MARGIN);
    }

    /** Removes every session of the user (account deletion): no refresh token of theirs works afterwards. */
    public long deleteAllOf(String tenantId, String userId) {
        return sessions.deleteAll(tenantId, userId);
    }

    /** @param reason kept on the session, e.g. {@code logout} */
    void revoke(String tenantId, String sessionId, String reason) {
        sessions.revoke(tenantId, sessionId, reason, clock.instant());
        revokeAccessTokens(tenantId, List.of(sessionId));
    }

    /** Ends every session of the user (after a password reset, say). @param reason kept on each session */
    public void revokeAll(String tenantId, String userId, String reason) {
        Instant now = clock.instant();
        List<String> open = sessions.openIdsOf(tenantId, userId);
        long revoked = sessions.revokeAllOf(tenantId, userId, reason, now);
        revokeAccessTokens(tenantId, open);
        log.info("Sessions revoked tenant_id={} user_id={} count={} reason={}", tenantId, userId, revoked, reason);
    }

    private void revokeAccessTokens(String tenantId, List<String> sessionIds) {
        for (String sessionId : sessionIds) {
            try {
                revocations.revokeSession(tenantId, sessionId, tokenLifetime).toCompletableFuture()
                        .get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while revoking a session's tokens", e);
            } catch (Exception e) {
                // The refresh token is dead already; its access tokens end by themselves within their lifetime.
                log.warn("Access tokens of an ended session not revoked tenant_id={} session_id={}: {}", tenantId,
                        sessionId, e.toString());
            }
        }
    }
}
