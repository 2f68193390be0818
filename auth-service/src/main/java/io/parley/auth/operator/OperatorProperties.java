package io.parley.auth.operator;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The installation's operator access, bound in application.yml.
 *
 * @param key            {@code PARLEY_OPERATOR_KEY}: the secret an operator presents (at least 32 characters,
 *                       e.g. {@code openssl rand -hex 32}); empty: operator access is off
 * @param tokenLifetime  how long an operator token is good; each admin command asks for its own
 * @param attemptsMax    wrong keys per client address and window before the route refuses
 *                       ({@code LOGIN_MAX}, as sign-in)
 * @param attemptsWindow that window ({@code LOGIN_WINDOW}, minutes)
 */
@Validated
@ConfigurationProperties("parley.auth.operator")
public record OperatorProperties(@DefaultValue("") String key,
                                 @DefaultValue("5m") Duration tokenLifetime,
                                 @DefaultValue("5") @Min(1) int attemptsMax,
                                 @DefaultValue("15m") Duration attemptsWindow) {

    static final int MIN_KEY_LENGTH = 32;

    public OperatorProperties {
        if (!key.isEmpty() && key.length() < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException("PARLEY_OPERATOR_KEY must be at least " + MIN_KEY_LENGTH
                    + " characters (openssl rand -hex 32)");
        }
    }

    boolean enabled() {
        return !key.isEmpty();
    }

    /** Never the key itself: settings may be printed at start-up or in a failure report. */
    @Override
    public String toString() {
        return "OperatorProperties[key=" + (key.isEmpty() ? "unset" : "set") + ", tokenLifetime=" + tokenLifetime
                + ", attemptsMax=" + attemptsMax + ", attemptsWindow=" + attemptsWindow + "]";
    }
}
