package io.parley.chat.stream;

import io.parley.common.redis.RedisProperties;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The generation jobs of all instances. Jobs run here are {@link LiveJob}s, served from memory;
 * with Redis, jobs of other instances are reached through the shared {@link JobBackplane}, and a job
 * outlives its instance: each holds a lease its instance renews, and once that lapses another instance
 * takes the job over and ends it ({@link JobLeases}).
 *
 * <p>Without Redis, jobs live only in this process's memory: a restarted instance knows of none, so
 * none is reported running; a turn cut short by the restart keeps its saved request message only.
 */
@Component
@EnableConfigurationProperties(JobProperties.class)
public class Jobs implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Jobs.class);

    public enum Start { STARTED, AT_LIMIT, ALREADY_RUNNING }

    public record Started(Start outcome, LiveJob job) {
    }

    private final JobProperties properties;
    private final Optional<RedisBackplane> backplane;
    private final Optional<JobLeases> leases;
    private final Map<JobKey, LiveJob> local = new ConcurrentHashMap<>();
    private final SteerQueue steers;
    private final Optional<LocalSteerQueue> localSteers;
    private final ScheduledExecutorService sweeper =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("job-sweeper").daemon().factory());

    Jobs(JobProperties properties, ObjectProvider<RedissonClient> redis, RedisProperties redisProperties,
         ObjectProvider<JobTakeover> takeover) {
        this.properties = properties;
        RedissonClient client = redis.getIfAvailable();
        this.backplane = Optional.ofNullable(client)
                .map(shared -> new RedisBackplane(shared, redisProperties.keyPrefix(), properties.logFlush()));
        this.localSteers = client == null ? Optional.of(new LocalSteerQueue(local)) : Optional.empty();
        this.steers = client == null ? localSteers.get() : new RedisSteerQueue(client, redisProperties.keyPrefix(),
                properties.maxDuration().plus(properties.retention()), properties.retention());
        this.leases = backplane.map(shared -> new JobLeases(shared, properties, local, takeover, steers));
        backplane.ifPresent(shared -> shared.onAbortRequest(this::abortHere));
        sweeper.scheduleWithFixedDelay(this::sweep, 10, 10, TimeUnit.SECONDS);
    }

    public JobProperties properties() {
        return properties;
    }

    /** Registers a job unless the user is at the concurrency limit or this stream is already running. */
    public Started start(JobKey key, JobInfo info) {
        LiveJob job = new LiveJob(key, info, (k, event) -> backplane.ifPresent(shared -> shared.append(k, event)));
        if (backplane.isPresent()) {
            JobBackplane.Claim claim = backplane.get().claim(key, info, properties.concurrentMax(), properties.maxDuration(),
                    leases.orElseThrow().owner(), properties.lease());
            if (claim != JobBackplane.Claim.CLAIMED) {
                return new Started(claim == JobBackplane.Claim.AT_LIMIT ? Start.AT_LIMIT : Start.ALREADY_RUNNING, null);
            }
            local.put(key, job);
            return new Started(Start.STARTED, job);
        }
        synchronized (local) {
            LiveJob same = local.get(key);
            if (same != null && !same.ended()) {
                return new Started(Start.ALREADY_RUNNING, null);
            }
            if (runningHere(key.tenantId(), key.user()).size() >= properties.concurrentMax()) {
                return new Started(Start.AT_LIMIT, null);
            }
            local.put(key, job);
        }
        return new Started(Start.STARTED, job);
    }

    /** The job ended (its terminal event was emitted); a superseded job's end is recorded by its new owner. */
    public void finished(LiveJob job, JobInfo.Status status) {
        job.status(status);
        if (!job.superseded()) {
            backplane.ifPresent(shared -> shared.finish(job.key(), status, properties.retention()));
        }
    }

    /**
     * Keeps what another instance needs to finish the job should this one stop ({@link OrphanedJob#handover()}).
     * Best effort: without it, a job whose instance dies is ended without saving its answer.
     */
    public void handover(LiveJob job, String handover) {
        backplane.ifPresent(shared -> {
            try {
                shared.handover(job.key(), handover);
            } catch (RuntimeException e) {
                log.warn("Could not record a job's handover stream_id={} error={}", job.key().streamId(), e.toString());
            }
        });
    }

    /**
     * The context the job's hold is settled under: {@code proposed} unless the job already has one. The
     * instance running a job and one that took it over then settle the same way, and auth-service charges
     * a hold once per context. Call it once the answer is saved: a recorded context tells an instance
     * taking the job over that the answer need not be saved again.
     */
    public String settleAs(JobKey key, String proposed) {
        return backplane.map(shared -> {
            try {
                return shared.settleAs(key, proposed);
            } catch (RuntimeException e) {
                log.warn("Could not record a job's settlement stream_id={} error={}", key.streamId(), e.toString());
                return proposed;
            }
        }).orElse(proposed);
    }

    /** The job never started: its request could not be stored. */
    public void discard(LiveJob job) {
        local.remove(job.key(), job);
        backplane.ifPresent(shared -> shared.discard(job.key()));
    }

    public Optional<JobInfo> find(JobKey key) {
        LiveJob job = current(key);
        if (job != null) {
            return Optional.of(job.info());
        }
        return backplane.flatMap(shared -> shared.find(key));
    }

    /** This instance's live job, if it runs here. */
    public Optional<LiveJob> here(JobKey key) {
        return Optional.ofNullable(current(key));
    }

    /** The job's events from the first, following it live; empty when there is no such job. */
    public Optional<EventFeed> feed(JobKey key) {
        LiveJob job = current(key);
        if (job != null) {
            return Optional.of(job.feed());
        }
        return backplane.filter(shared -> shared.find(key).isPresent()).map(shared -> shared.feed(key));
    }

    /** Asks whichever instance runs the job to stop it; false when no running job has that key. */
    public boolean abort(JobKey key) {
        Optional<JobInfo> info = find(key);
        if (info.isEmpty() || info.get().status() != JobInfo.Status.RUNNING) {
            return false;
        }
        if (!abortHere(key)) {
            backplane.ifPresent(shared -> shared.requestAbort(key));
        }
        return true;
    }

    /**
     * Queues a person's steer for their running job of the steer's generation, wherever it runs. Keyed by
     * the owner like every job, so nobody reaches another person's job.
     *
     * @param max how many steers may wait at once
     */
    public SteerEnqueued steer(JobKey key, Steer steer, int max) {
        return steers.enqueue(key, steer, max);
    }

    /**
     * The steers that waited for this boundary of the job's run, now applied; none once the job was stopped
     * or given up (they are left over when it ends). A failure to read them costs this boundary only.
     */
    public List<Steer> applySteers(LiveJob job) {
        if (job.aborted() || job.superseded()) {
            return List.of();
        }
        try {
            return steers.apply(job.key());
        } catch (RuntimeException e) {
            log.warn("Could not read a job's steers stream_id={} error={}", job.key().streamId(), e.toString());
            return List.of();
        }
    }

    /**
     * Ends the steering of the job of {@code generation}: what still waits is left over, and no more steers
     * are taken for it. Call it before the job's terminal event.
     *
     * @return every left-over steer of the job, oldest first, for the client to send as new turns
     */
    public List<Steer> closeSteers(JobKey key, long generation) {
        try {
            return steers.close(key, generation);
        } catch (RuntimeException e) {
            log.warn("Could not close a job's steers stream_id={} error={}", key.streamId(), e.toString());
            return List.of();
        }
    }

    /** Takes back a waiting (or left-over) steer; true when it is cancelled. */
    public boolean cancelSteer(JobKey key, String steerId) {
        return steers.cancel(key, steerId);
    }

    /** A left-over steer came back as a new turn; best effort. */
    public void consumeSteer(JobKey key, String steerId) {
        try {
            steers.consume(key, steerId);
        } catch (RuntimeException e) {
            log.warn("Could not mark a steer sent again stream_id={} error={}", key.streamId(), e.toString());
        }
    }

    /** The conversation's steers: waiting ones in order, then the rest oldest first. */
    public List<Steer> steers(JobKey key) {
        return steers.all(key);
    }

    /** Stream ids of the user's running jobs, on every instance. */
    public List<String> running(String tenantId, String user) {
        return backplane.map(shared -> shared.running(tenantId, user)).orElseGet(() -> runningHere(tenantId, user));
    }

    /** The job run here, unless it was given up: then the shared record is the truth. */
    private LiveJob current(JobKey key) {
        LiveJob job = local.get(key);
        return job == null || job.superseded() ? null : job;
    }

    private boolean abortHere(JobKey key) {
        LiveJob job = current(key);
        if (job == null || job.ended()) {
            return false;
        }
        log.info("Aborting job {}", key.streamId());
        job.cancellation().cancel();
        return true;
    }

    private List<String> runningHere(String tenantId, String user) {
        List<String> ids = new ArrayList<>();
        local.forEach((key, job) -> {
            if (!job.ended() && key.tenantId().equals(tenantId) && key.user().equals(user)) {
                ids.add(key.streamId());
            }
        });
        return ids;
    }

    /** How many jobs run in this instance now (not those of other instances). */
    int activeHere() {
        return (int) local.values().stream().filter(job -> !job.ended()).count();
    }

    /** Forgets finished jobs once their retention is over. */
    private void sweep() {
        long before = System.nanoTime() - properties.retention().toNanos();
        local.values().removeIf(job -> job.endedBefore(before));
        localSteers.ifPresent(LocalSteerQueue::forgetGone);
    }

    /** With Redis: renewing this instance's leases and taking over lapsed jobs begins with the application. */
    @Override
    public void start() {
        leases.ifPresent(JobLeases::start);
    }

    /**
     * With Redis: this instance stops renewing and gives up its running jobs, which stop writing
     * anything shared; another instance takes each over once its lease lapses, as if this one had died.
     * Runs after the web server has stopped, so requests still being served keep their jobs until then.
     */
    @Override
    public void stop() {
        leases.ifPresent(running -> {
            running.stop();
            int given = 0;
            for (LiveJob job : local.values()) {
                if (!job.ended() && !job.superseded()) {
                    job.supersede();
                    given++;
                }
            }
            if (given > 0) {
                log.info("Stopping: jobs left to another instance count={}", given);
            }
        });
    }

    @Override
    public boolean isRunning() {
        return leases.map(JobLeases::running).orElse(false);
    }

    /** Started before and stopped after the web server (whose phases are just below the default). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    @PreDestroy
    void close() {
        sweeper.shutdownNow();
        backplane.ifPresent(RedisBackplane::close);
    }
}
