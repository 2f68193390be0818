package io.parley.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.parley.auth.AuthProperties;
import io.parley.auth.user.User;
import io.parley.common.security.AccessTokenClaims;
import io.parley.common.security.JwtProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Signs access tokens (short-lived, audience {@code parley-api}, verified by every process) and
 * refresh tokens (audience {@link #REFRESH_AUDIENCE}, only ever read by auth-service, so neither can
 * stand in for the other).
 */
@Component
public class TokenIssuer {

    public static final String REFRESH_AUDIENCE = "parley-refresh";
    /** Audience of the temporary token between a password check and the second factor; no other decoder accepts it. */
    public static final String TWO_FACTOR_AUDIENCE = "parley-2fa";
    /** Claim of a refresh token: the rotation it belongs to within its session. */
    public static final String GENERATION = "gen";

    private final KeyRing keys;
    private final JwtProperties jwt;
    private final AuthProperties auth;
    private final Clock clock;

    TokenIssuer(KeyRing keys, JwtProperties jwt, AuthProperties auth) {
        this.keys = keys;
        this.jwt = jwt;
        this.auth = auth;
        this.clock = Clock.systemUTC();
    }

    /** LibreChat's claims ({@code id, username, provider, email}) plus Parley's. */
    public String accessToken(User user, String sessionId) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(user.idString())
                .claim(AccessTokenClaims.ID, user.idString())
                .claim(AccessTokenClaims.USERNAME, user.username() == null ? "" : user.username())
                .claim(AccessTokenClaims.PROVIDER, user.provider())
                .claim(AccessTokenClaims.EMAIL, user.email())
                .claim(AccessTokenClaims.TENANT, user.tenantId())
                .claim(AccessTokenClaims.ROLE, user.role())
                .claim(AccessTokenClaims.SESSION, sessionId)
                .issuer(jwt.issuer())
                .audience(jwt.audience())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(auth.sessionExpiry())))
                .jwtID(UUID.randomUUID().toString())
                .build();
        return sign(claims);
    }

    /**
     * An installation operator's access token for {@code tenantId}: an ordinary access token, checked
     * as every other, whose subject is {@link AccessTokenClaims#OPERATOR_SUBJECT} (no user has it) and
     * whose role is ADMIN. Every process keeps it to the admin routes; it has no session, so nothing can
     * refresh it.
     */
    public String operatorToken(String tenantId, Duration lifetime) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(AccessTokenClaims.OPERATOR_SUBJECT)
                .claim(AccessTokenClaims.ID, AccessTokenClaims.OPERATOR_SUBJECT)
                .claim(AccessTokenClaims.USERNAME, AccessTokenClaims.OPERATOR_SUBJECT)
                .claim(AccessTokenClaims.PROVIDER, AccessTokenClaims.OPERATOR_SUBJECT)
                .claim(AccessTokenClaims.EMAIL, "")
                .claim(AccessTokenClaims.TENANT, tenantId)
                .claim(AccessTokenClaims.ROLE, User.ADMIN)
                .issuer(jwt.issuer())
                .audience(jwt.audience())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        return sign(claims);
    }

    public String refreshToken(String userId, String tenantId, String sessionId, long generation, Instant expiresAt) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(userId)
                .claim(AccessTokenClaims.TENANT, tenantId)
                .claim(AccessTokenClaims.SESSION, sessionId)
                .claim(GENERATION, generation)
                .issuer(jwt.issuer())
                .audience(REFRESH_AUDIENCE)
                .issueTime(Date.from(clock.instant()))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .build();
        return sign(claims);
    }

    /**
     * LibreChat's {@code tempToken} of a login waiting for its second factor ({@code userId},
     * {@code twoFAPending}), with audience {@link #TWO_FACTOR_AUDIENCE}: it opens nothing but
     * {@code /api/auth/2fa/verify-temp}.
     */
    public String twoFactorTempToken(String userId, String tenantId, Instant expiresAt) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(userId)
                .claim("userId", userId)
                .claim("twoFAPending", true)
                .claim(AccessTokenClaims.TENANT, tenantId)
                .issuer(jwt.issuer())
                .audience(TWO_FACTOR_AUDIENCE)
                .issueTime(Date.from(clock.instant()))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .build();
        return sign(claims);
    }

    private String sign(JWTClaimsSet claims) {
        ECKey key = keys.signingKey();
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        try {
            token.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
        return token.serialize();
    }
}
