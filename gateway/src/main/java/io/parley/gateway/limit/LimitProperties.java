package io.parley.gateway.limit;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Request limits, bound in application.yml from LibreChat's environment names
 * ({@code LOGIN_MAX}/{@code LOGIN_WINDOW}, …). Bans are common's {@code BanProperties}.
 */
@ConfigurationProperties("parley.gateway.limits")
public record LimitProperties(@DefaultValue List<Rule> rules) {

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
}
