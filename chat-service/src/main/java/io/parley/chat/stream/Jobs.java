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
import org.springframework.stereotype.Component;

/**
 * The generation jobs of all instances. Jobs run here are {@link LiveJob}s, served from memory;
 * with Redis, jobs of other instances are reached through the shared {@link JobBackplane}.
 */
@Component
@EnableConfigurationProperties(JobProperties.class)
public class Jobs {

    private static final Logger log = LoggerFactory.getLogger(Jobs.class);

    public enum Start { STARTED, AT_LIMIT, ALREADY_RUNNING }

    public record Started(Start outcome, LiveJob job) {
    }

    private final JobProperties properties;
    private final Optional<RedisBackplane> backplane;
    private final Map<JobKey, LiveJob> local = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("job-sweeper").daemon().factory());

    Jobs(JobProperties properties, ObjectProvider<RedissonClient> redis, RedisProperties redisProperties) {
        this.properties = properties;
        this.backplane = Optional.ofNullable(redis.getIfAvailable())
                .map(client -> new RedisBackplane(client, redisProperties.keyPrefix(), properties.logFlush()));
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
            JobBackplane.Claim claim = backplane.get().claim(key, info, properties.concurrentMax(), properties.maxDuration());
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

    /** The job ended (its terminal event was emitted). */
    public void finished(LiveJob job, JobInfo.Status status) {
        job.status(status);
        backplane.ifPresent(shared -> shared.finish(job.key(), status, properties.retention()));
    }

    /** The job never started: its request could not be stored. */
    public void discard(LiveJob job) {
        local.remove(job.key(), job);
        backplane.ifPresent(shared -> shared.discard(job.key()));
    }

    public Optional<JobInfo> find(JobKey key) {
        LiveJob job = local.get(key);
        if (job != null) {
            return Optional.of(job.info());
        }
        return backplane.flatMap(shared -> shared.find(key));
    }

    /** This instance's live job, if it runs here. */
    public Optional<LiveJob> here(JobKey key) {
        return Optional.ofNullable(local.get(key));
    }

    /** The job's events from the first, following it live; empty when there is no such job. */
    public Optional<EventFeed> feed(JobKey key) {
        LiveJob job = local.get(key);
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

    /** Stream ids of the user's running jobs, on every instance. */
    public List<String> running(String tenantId, String user) {
        return backplane.map(shared -> shared.running(tenantId, user)).orElseGet(() -> runningHere(tenantId, user));
    }

    private boolean abortHere(JobKey key) {
        LiveJob job = local.get(key);
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
    }

    @PreDestroy
    void stop() {
        sweeper.shutdownNow();
        backplane.ifPresent(RedisBackplane::close);
    }
}
