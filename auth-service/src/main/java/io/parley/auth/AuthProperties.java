package io.parley.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Auth settings, bound in application.yml from LibreChat's environment names so that an existing
 * {@code .env} keeps its meaning.
 *
 * @param sessionExpiry             access token lifetime ({@code SESSION_EXPIRY}, ms or a product like {@code 1000 * 60 * 15})
 * @param refreshTokenExpiry        login session lifetime, absolute, not sliding ({@code REFRESH_TOKEN_EXPIRY})
 * @param allowRegistration         {@code ALLOW_REGISTRATION}
 * @param allowEmailLogin           {@code ALLOW_EMAIL_LOGIN}
 * @param allowUnverifiedEmailLogin {@code ALLOW_UNVERIFIED_EMAIL_LOGIN}
 * @param minPasswordLength         {@code MIN_PASSWORD_LENGTH}; null when unset (see {@link #passwordMinimum()})
 * @param cookieSecure              {@code SESSION_COOKIE_SECURE}: "true"/"false", or empty to follow the request's scheme
 * @param keyRotation               age after which a new signing key is made; older keys stay published
 *                                  until no token they signed can still be valid
 */
@ConfigurationProperties("parley.auth")
public record AuthProperties(@DefaultValue("15m") Duration sessionExpiry,
                             @DefaultValue("7d") Duration refreshTokenExpiry,
                             @DefaultValue("true") boolean allowRegistration,
                             @DefaultValue("true") boolean allowEmailLogin,
                             @DefaultValue("true") boolean allowUnverifiedEmailLogin,
                             Integer minPasswordLength,
                             @DefaultValue("") String cookieSecure,
                             @DefaultValue("30d") Duration keyRotation) {

    /** The shortest password registration accepts: LibreChat's {@code parseInt(MIN_PASSWORD_LENGTH) || 8}. */
    public int passwordMinimum() {
        return minPasswordLength == null || minPasswordLength <= 0 ? 8 : minPasswordLength;
    }
}
