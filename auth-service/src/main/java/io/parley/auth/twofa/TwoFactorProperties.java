package io.parley.auth.twofa;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Two-factor settings, bound in application.yml from environment names.
 *
 * @param key            {@code TWO_FACTOR_KEY}: 64 hexadecimal characters (AES-256) that seal TOTP secrets;
 *                       empty to use, or on first start generate, the key in {@code keyFile}. Every instance
 *                       of a scaled-out installation needs the same key, so set it there
 * @param keyFile        the generated key, readable by its owner only; by default next to the embedded store's
 *                       files ({@code data/auth-service/two-factor.key})
 * @param appTitle       {@code APP_TITLE}: the issuer an authenticator app shows (LibreChat's, without spaces)
 * @param attemptsMax    code checks a user may fail per window ({@code TWO_FACTOR_TEMP_MAX}, else {@code LOGIN_MAX})
 * @param attemptsWindow {@code TWO_FACTOR_TEMP_WINDOW} (else {@code LOGIN_WINDOW}), minutes
 * @param violationScore added to the user's ban score at each refusal ({@code LOGIN_VIOLATION_SCORE})
 */
@ConfigurationProperties("parley.auth.two-factor")
record TwoFactorProperties(@DefaultValue("") String key,
                           @DefaultValue("data/auth-service/two-factor.key") Path keyFile,
                           @DefaultValue("LibreChat") String appTitle,
                           @DefaultValue("5") int attemptsMax,
                           @DefaultValue("15m") Duration attemptsWindow,
                           @DefaultValue("1") long violationScore) {

    TwoFactorProperties {
        if (attemptsMax < 1) {
            throw new IllegalArgumentException("TWO_FACTOR_TEMP_MAX must be at least 1");
        }
        if (attemptsWindow.isNegative() || attemptsWindow.isZero()) {
            throw new IllegalArgumentException("TWO_FACTOR_TEMP_WINDOW must be positive");
        }
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "TwoFactorProperties[key=" + (key.isEmpty() ? "unset" : "set") + ", keyFile=" + keyFile + ", appTitle="
                + appTitle + ", attemptsMax=" + attemptsMax + ", attemptsWindow=" + attemptsWindow + "]";
    }
}
