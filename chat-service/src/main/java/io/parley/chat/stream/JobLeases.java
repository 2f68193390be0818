package io.parley.chat.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The leases of running jobs on the shared backplane. Every {@code leaseRenewal} this instance renews
 * the leases of the jobs it runs; a job it finds no longer its own (another instance took it over
 * while this one could not renew) is superseded here. Every {@code takeoverSweep} it looks for jobs
 * whose lease lapsed, because their instance died, and takes them over one at a time to end them: the
 * {@link JobTakeover} saves what they had produced, their followers get its terminal event, and the
 * job is marked ended. Renewals and the sweep run on two threads, so a slow takeover never delays a
 * renewal.
 */
final class JobLeases {

    private static final Logger log = LoggerFactory.getLogger(JobLeases.class);
    /** Lapsed jobs taken over per sweep: more wait for the next sweep, or for another instance's. */
    private static final int SWEEP_BATCH = 100;

    private final RedisBackplane backplane;
    private final JobProperties properties;
    private final Map<JobKey, LiveJob> local;
    private final ObjectProvider<JobTakeover> takeover;
    private final SteerQueue steers;
    /** This instance as a lease owner: new with every start of the process, so a restart owns nothing. */
    private final String owner = UUID.randomUUID().toString();
    /** Jobs being ended here after a takeover: their lease is renewed until they are. */
    private final Set<JobKey> takingOver = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService timer;

    JobLeases(RedisBackplane backplane, JobProperties properties, Map<JobKey, LiveJob> local,
              ObjectProvider<JobTakeover> takeover, SteerQueue steers) {
        this.backplane = backplane;
        this.steers = steers;
        this.properties = properties;
        this.local = local;
        this.takeover = takeover;
    }

    String owner() {
        return owner;
    }

    synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newScheduledThreadPool(2, Thread.ofPlatform().name("job-leases-", 0).daemon().factory());
        long renewal = properties.leaseRenewal().toMillis();
        long sweep = properties.takeoverSweep().toMillis();
        timer.scheduleWithFixedDelay(this::renewQuietly, renewal, renewal, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::sweepQuietly, sweep, sweep, TimeUnit.MILLISECONDS);
    }

    synchronized boolean running() {
        return timer != null;
    }

    /** Stops renewing and sweeping; the leases of this instance's jobs then lapse like a dead instance's. */
    synchronized void stop() {
        if (timer == null) {
            return;
        }
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer = null;
    }

    private void renewQuietly() {
        try {
            renew();
        } catch (RuntimeException e) {
            // Redis unreachable: the next renewal may still come in time; a lapsed lease costs the job, not the instance.
            log.warn("Could not renew job leases error={}", e.toString());
        }
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("Could not look for jobs to take over error={}", e.toString());
        }
    }

    void renew() {
        List<JobKey> held = new ArrayList<>(takingOver);
        local.forEach((key, job) -> {
            if (!job.ended() && !job.superseded()) {
                held.add(key);
            }
        });
        for (JobKey key : backplane.renew(held, owner, properties.lease())) {
            LiveJob job = local.get(key);
            // A job that ended since it was listed is "lost" too: its record is no longer running.
            if (job != null && !job.ended() && !job.superseded()) {
                log.warn("Job lease lost to another instance, stopping it here stream_id={} tenant_id={}",
                        key.streamId(), key.tenantId());
                job.supersede();
            }
        }
    }

    void sweep() {
        JobTakeover finisher = takeover.getIfAvailable();
        if (finisher == null) {
            return;
        }
        for (JobKey key : backplane.lapsed(SWEEP_BATCH)) {
            LiveJob here = local.get(key);
            if (here != null && !here.ended() && !here.superseded()) {
                // Its lease ran out under this instance's own renewals (a pause): the next renewal restores it.
                continue;
            }
            if (backplane.takeOver(key, owner, properties.lease())) {
                finish(key, finisher);
            }
        }
    }

    /** Ends a job taken over: once its followers got the terminal event, the job is no longer running. */
    private void finish(JobKey key, JobTakeover finisher) {
        takingOver.add(key);
        long startedAt = System.nanoTime();
        try {
            Optional<OrphanedJob> found = backplane.orphan(key);
            if (found.isEmpty()) {
                return;
            }
            OrphanedJob orphan = found.get();
            // Steers still waiting are left over: the client offers them again as new turns.
            steers.close(key, orphan.info().createdAt().toEpochMilli());
            StreamEvent terminal = orphan.events().isEmpty() ? null : orphan.events().getLast();
            JobInfo.Status status;
            if (terminal != null && terminal.terminal()) {
                // Its instance had sent the end but stopped before recording it: only the record is missing.
                status = statusOf(terminal);
            } else {
                terminal = finisher.finish(orphan);
                backplane.append(key, terminal);
                status = JobInfo.Status.ERROR;
            }
            backplane.finish(key, status, properties.retention());
            log.info("Took over job of a stopped instance stream_id={} tenant_id={} events={} status={} took_ms={}",
                    key.streamId(), key.tenantId(), orphan.events().size(), status.wire(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
        } catch (RuntimeException e) {
            // Left running: its lease lapses again and this or another instance tries once more.
            log.warn("Could not end a job taken over stream_id={} tenant_id={} error={}", key.streamId(), key.tenantId(),
                    e.toString());
        } finally {
            takingOver.remove(key);
        }
    }

    private static JobInfo.Status statusOf(StreamEvent terminal) {
        if (StreamEvent.ERROR.equals(terminal.type())) {
            return JobInfo.Status.ERROR;
        }
        return Boolean.TRUE.equals(terminal.data().get("aborted")) ? JobInfo.Status.ABORTED : JobInfo.Status.COMPLETE;
    }
}
