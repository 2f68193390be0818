package io.parley.common.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How account events travel through Redis.
 *
 * @param retryAfter  how long an event that failed (or whose consumer died) stays pending before a
 *                    consumer of the same group takes it again
 * @param pollTimeout how long one read waits for new events; also the pause after Redis could not be
 *                    reached, and about how long a stopping consumer takes to finish
 * @param maxLength   about how many events the stream keeps (trimmed approximately on every publish);
 *                    a service that is down while more deletions than this happen misses the oldest
 */
@ConfigurationProperties("parley.events")
public record EventsProperties(@DefaultValue("30s") Duration retryAfter, @DefaultValue("2s") Duration pollTimeout,
                               @DefaultValue("100000") int maxLength) {

    public EventsProperties {
        if (retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("parley.events.retry-after must be positive");
        }
        if (pollTimeout.isNegative() || pollTimeout.isZero()) {
            throw new IllegalArgumentException("parley.events.poll-timeout must be positive");
        }
        if (maxLength < 1) {
            throw new IllegalArgumentException("parley.events.max-length must be positive");
        }
    }
}
