package io.parley.chat.stream;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of generation jobs.
 *
 * @param concurrentMax  running jobs per user at once (LibreChat's {@code CONCURRENT_MESSAGE_MAX}; the seed's 5)
 * @param maxDuration    longest a job may run before it is stopped and saved as unfinished
 * @param retention      how long a finished job's events stay replayable
 * @param logFlush       how often events are written to the shared log for other instances
 */
@ConfigurationProperties("parley.chat.jobs")
public record JobProperties(@DefaultValue("5") int concurrentMax, @DefaultValue("30m") Duration maxDuration,
                            @DefaultValue("10m") Duration retention, @DefaultValue("20ms") Duration logFlush) {

    public JobProperties {
        if (concurrentMax < 1) {
            throw new IllegalArgumentException("parley.chat.jobs.concurrent-max must be at least 1");
        }
    }
}
