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
 * @param lease          with Redis: how long a running job stays its instance's without a renewal; once it
 *                       lapses, any instance takes the job over and ends it
 * @param leaseRenewal   how often an instance renews the leases of the jobs it runs; well under {@code lease},
 *                       so that one late renewal does not cost a job
 * @param takeoverSweep  how often an instance looks for jobs whose lease lapsed; a dead instance's jobs end
 *                       within {@code lease + takeoverSweep} of its last renewal
 */
@ConfigurationProperties("parley.chat.jobs")
public record JobProperties(@DefaultValue("5") int concurrentMax, @DefaultValue("30m") Duration maxDuration,
                            @DefaultValue("10m") Duration retention, @DefaultValue("20ms") Duration logFlush,
                            @DefaultValue("6s") Duration lease, @DefaultValue("2s") Duration leaseRenewal,
                            @DefaultValue("2s") Duration takeoverSweep) {

    public JobProperties {
        if (concurrentMax < 1) {
            throw new IllegalArgumentException("parley.chat.jobs.concurrent-max must be at least 1");
        }
        if (leaseRenewal.isNegative() || leaseRenewal.isZero() || takeoverSweep.isNegative() || takeoverSweep.isZero()) {
            throw new IllegalArgumentException("parley.chat.jobs.lease-renewal and takeover-sweep must be positive");
        }
        if (leaseRenewal.multipliedBy(2).compareTo(lease) > 0) {
            throw new IllegalArgumentException("parley.chat.jobs.lease must be at least twice parley.chat.jobs.lease-renewal");
        }
    }
}
