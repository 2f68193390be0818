package io.parley.auth.twofa;

import io.parley.auth.token.KeyRing;
import io.parley.auth.token.TokenIssuer;
import io.parley.common.error.ApiException;
import io.parley.common.security.AccessTokenClaims;
import io.parley.common.security.JwkSources;
import io.parley.common.security.JwtProperties;
import java.time.Clock;
import java.time.Duration;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

/**
 * LibreChat's {@code tempToken}: proof, for five minutes, that a person of 2FA passed the password
 * check. Signed with the service's keys under its own audience ({@link TokenIssuer#TWO_FACTOR_AUDIENCE}),
 * so it is never an access or refresh token and neither of those is ever one of these.
 */
@Component
class TempTokens {

    static final Duration LIFETIME = Duration.ofMinutes(5);
    static final String INVALID = "Invalid or expired temporary token";

    private final TokenIssuer issuer;
    private final JwtDecoder decoder;
    private final Clock clock = Clock.systemUTC();

    TempTokens(TokenIssuer issuer, KeyRing keys, JwtProperties jwt) {
        this.issuer = issuer;
        this.decoder = JwkSources.decoder(keys, new JwtProperties(jwt.issuer(), TokenIssuer.TWO_FACTOR_AUDIENCE,
                jwt.clockSkew(), jwt.jwksUri()));
    }

    /** The pending sign-in of a user, as proven by a temp token. */
    record Pending(String tenantId, String userId) {
    }

    String issue(String tenantId, String userId) {
        return issuer.twoFactorTempToken(userId, tenantId, clock.instant().plus(LIFETIME));
    }

    /** @throws ApiException.Unauthorized when the token is not a valid, unexpired temp token of this installation */
    Pending verify(String token) {
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        } catch (JwtException e) {
            throw new ApiException.Unauthorized("invalid_temp_token", INVALID);
        }
        if (!Boolean.TRUE.equals(jwt.getClaimAsBoolean("twoFAPending"))) {
            throw new ApiException.Unauthorized("invalid_temp_token", INVALID);
        }
        return new Pending(jwt.getClaimAsString(AccessTokenClaims.TENANT), jwt.getSubject());
    }
}
