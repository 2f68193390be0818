package io.parley.gateway.limit;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Request limits and bans, bound in application.yml from LibreChat's environment names
 * ({@code LOGIN_MAX}/{@code LOGIN_WINDOW}, …, {@code BAN_VIOLATIONS}, {@code BAN_INTERVAL},
 * {@code BAN_DURATION}).
 */
@ConfigurationProperties("parley.gateway.limits")
public record LimitProperties(@DefaultValue List<Rule> rules, @DefaultValue Ban ban) {

    /**
     * At most {@code max} requests per {@code window} to {@code paths}, counted per client address
     * or per signed-in user.
     *
     * @param methods        HTTP methods counted; empty for all
     * @param violationScore added to the offender's violation count at each refusal
     * @param message        the 429's sentence; {@code {minutes}} becomes the window in minutes
     */
    public record Rule(String name, List<String> paths, @DefaultValue List<String> methods, int max, Duration window,
                       @DefaultValue("IP") Key key, @DefaultValue("1") long violationScore,
                       @DefaultValue("Too many requests. Try again later") String message) {

        String messageText() {
            return message.replace("{minutes}", Long.toString(Math.max(1, window.toMinutes())));
        }
    }

    public enum Key { IP, USER }

    /**
     * Every {@code interval} violation points within {@code duration} ban the offender (address and,
     * when known, user) for {@code duration}.
     */
    public record Ban(@DefaultValue("true") boolean enabled, @DefaultValue("20") long interval,
                      @DefaultValue("2h") Duration duration) {
    }
}
