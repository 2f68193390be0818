package io.parley.common.redis;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * LibreChat's bans ({@code BAN_VIOLATIONS}, {@code BAN_INTERVAL}, {@code BAN_DURATION} in
 * milliseconds): every {@code interval} violation points within {@code duration} ban the offender
 * (address and, when known, user) for {@code duration}.
 */
@ConfigurationProperties("parley.bans")
public record BanProperties(@DefaultValue("true") boolean enabled, @DefaultValue("20") long interval,
                            @DefaultValue("2h") Duration duration) {
}
