package io.parley.chat.turn;

import io.parley.chat.stream.StreamEvent;
import io.parley.common.edge.EdgeHeaders;
import io.parley.common.redis.Violations;
import io.parley.common.redis.WindowCounter;
import io.parley.common.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * LibreChat's message limiters: chat turns per client address and per person in a window, counted
 * in Redis across instances (in memory without it).
 */
@Component
@EnableConfigurationProperties(MessageLimits.Settings.class)
class MessageLimits {

    private static final Logger log = LoggerFactory.getLogger(MessageLimits.class);

    /**
     * LibreChat's names and defaults: {@code LIMIT_MESSAGE_IP=true}, {@code MESSAGE_IP_MAX=40} per
     * {@code MESSAGE_IP_WINDOW=1} minute; {@code LIMIT_MESSAGE_USER=false}, {@code MESSAGE_USER_MAX=40}
     * per {@code MESSAGE_USER_WINDOW=1} minute; each refusal adds {@code MESSAGE_VIOLATION_SCORE=1}
     * to the ban score.
     */
    @ConfigurationProperties("parley.chat.message-limits")
    record Settings(@DefaultValue("true") boolean ip, @DefaultValue("40") int ipMax, @DefaultValue("1m") Duration ipWindow,
                    @DefaultValue("false") boolean user, @DefaultValue("40") int userMax,
                    @DefaultValue("1m") Duration userWindow, @DefaultValue("1") long violationScore) {
    }

    private final WindowCounter counters;
    private final Violations violations;
    private final Settings settings;

    MessageLimits(WindowCounter counters, Violations violations, Settings settings) {
        this.counters = counters;
        this.violations = violations;
        this.settings = settings;
    }

    /** The denial text (LibreChat's JSON) when a limit is reached; empty when the turn may go on. */
    Optional<String> check(CurrentUser caller, String clientIp) {
        Optional<String> denied = Optional.empty();
        if (settings.ip() && over("message-ip:" + clientIp, settings.ipMax(), settings.ipWindow())) {
            denied = Optional.of(reason(settings.ipMax(), "ip", settings.ipWindow()));
        } else if (settings.user() && over("message-user:" + caller.tenantId() + ":" + caller.id(), settings.userMax(),
                settings.userWindow())) {
            denied = Optional.of(reason(settings.userMax(), "user", settings.userWindow()));
        }
        if (denied.isPresent()) {
            // The gateway bans on the same score (LibreChat's MESSAGE_VIOLATION_SCORE).
            try {
                violations.add(caller.tenantId(), clientIp, caller.id(), settings.violationScore()).toCompletableFuture().join();
            } catch (CompletionException e) {
                log.warn("Violation not recorded, the counter store failed: {}", e.getCause().toString());
            }
        }
        return denied;
    }

    private boolean over(String key, int max, Duration window) {
        try {
            return counters.add(key, 1, window).toCompletableFuture().join().value() > max;
        } catch (CompletionException e) {
            // Same choice as the gateway's limits: an unreachable Redis must not stop every chat.
            log.warn("Message limit not checked, the counter store failed: {}", e.getCause().toString());
            return false;
        }
    }

    private static String reason(int max, String limiter, Duration window) {
        return StreamEvent.toJson(TurnEvents.map("type", "message_limit", "max", max, "limiter", limiter,
                "windowInMinutes", window.toMinutes()));
    }

    static String clientIp(HttpServletRequest request) {
        String forwarded = request.getHeader(EdgeHeaders.CLIENT_IP);
        return forwarded != null && !forwarded.isBlank() ? forwarded : request.getRemoteAddr();
    }
}
