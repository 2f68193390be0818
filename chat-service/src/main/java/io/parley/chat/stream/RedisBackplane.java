package io.parley.chat.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RMap;
import org.redisson.api.RScript;
import org.redisson.api.RStream;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.api.stream.StreamReadArgs;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link JobBackplane} on Redis. Per job: a hash of metadata and a stream of events, under the
 * user's hash tag (so a Redis Cluster keeps a user's keys on one node); per user: a sorted set of running stream ids
 * scored by when they expire, so a crashed instance's jobs stop counting by themselves; for the
 * installation: a sorted set of running jobs scored by when their lease lapses. A job's record names
 * its owner instance and its lease's end, both set by scripts on Redis's clock.
 * Appends are gathered and written every few milliseconds in one pipeline for all jobs: the owning
 * instance serves its own followers from memory, the log is for the others.
 */
final class RedisBackplane implements JobBackplane, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisBackplane.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration RUNNING_TTL_MARGIN = Duration.ofMinutes(5);
    /** Redis's clock in milliseconds: leases are compared on one clock whatever the instances' clocks say. */
    private static final String NOW = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            """;
    /** A job's earlier record and log go: fields of a previous turn in the conversation must not leak into this one. */
    private static final String CLAIM = NOW + """
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
            if redis.call('ZSCORE', KEYS[1], ARGV[3]) then return 2 end
            if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then return 0 end
            redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
            redis.call('PEXPIRE', KEYS[1], ARGV[5])
            redis.call('DEL', KEYS[2], KEYS[3])
            redis.call('HSET', KEYS[2], unpack(ARGV, 7))
            redis.call('HSET', KEYS[2], 'leaseUntil', string.format('%d', now + tonumber(ARGV[6])))
            redis.call('PEXPIRE', KEYS[2], ARGV[5])
            return 1
            """;
    /** Listed before the claim, so a job is never running without a lease anyone can find; NX leaves a running job's entry be. */
    private static final String LIST_LEASE = NOW + """
            return redis.call('ZADD', KEYS[1], 'NX', string.format('%d', now + tonumber(ARGV[2])), ARGV[1])
            """;
    private static final String RENEW = """
            if redis.call('HGET', KEYS[1], 'owner') ~= ARGV[1] or redis.call('HGET', KEYS[1], 'status') ~= 'running' then
              return 0
            end
            """ + NOW + """
            local untilMs = now + tonumber(ARGV[2])
            redis.call('HSET', KEYS[1], 'leaseUntil', string.format('%d', untilMs))
            return untilMs
            """;
    /** The claim of a lapsed job: the check and the new owner in one step, so two sweepers cannot both win. */
    private static final String TAKE_OVER = """
            if redis.call('HGET', KEYS[1], 'status') ~= 'running' then return 0 end
            """ + NOW + """
            if tonumber(redis.call('HGET', KEYS[1], 'leaseUntil') or '0') > now then return -1 end
            local untilMs = now + tonumber(ARGV[2])
            redis.call('HSET', KEYS[1], 'owner', ARGV[1], 'leaseUntil', string.format('%d', untilMs))
            return untilMs
            """;
    private static final String LAPSED = NOW + """
            return redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', string.format('%d', now), 'LIMIT', 0, tonumber(ARGV[1]))
            """;
    /** Only on a job still recorded: a field written after the record expired would make a key that never expires. */
    private static final String HANDOVER = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            redis.call('HSET', KEYS[1], 'handover', ARGV[1])
            return 1
            """;
    private static final String SETTLE_AS = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return ARGV[1] end
            redis.call('HSETNX', KEYS[1], 'settledAs', ARGV[1])
            return redis.call('HGET', KEYS[1], 'settledAs')
            """;

    private final RedissonClient redis;
    private final String prefix;
    private final RTopic aborts;
    private final Map<JobKey, Queue<StreamEvent>> pending = new ConcurrentHashMap<>();
    private final ReentrantLock flushing = new ReentrantLock();
    private final ScheduledExecutorService flusher;

    RedisBackplane(RedissonClient redis, String prefix, Duration flushEvery) {
        this.redis = redis;
        this.prefix = prefix;
        this.aborts = redis.getTopic(prefix + "job-aborts", StringCodec.INSTANCE);
        this.flusher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("job-log-flusher").daemon().factory());
        flusher.scheduleWithFixedDelay(this::flushQuietly, flushEvery.toMillis(), flushEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public Claim claim(JobKey key, JobInfo info, int maxRunning, Duration maxDuration, String owner, Duration lease) {
        long now = System.currentTimeMillis();
        List<Object> args = new ArrayList<>(List.of(String.valueOf(now), String.valueOf(now + maxDuration.toMillis()),
                key.streamId(), String.valueOf(maxRunning), String.valueOf(maxDuration.plus(RUNNING_TTL_MARGIN).toMillis()),
                String.valueOf(lease.toMillis())));
        Map<String, String> fields = fields(info);
        fields.put("owner", owner);
        fields.forEach((field, value) -> {
            args.add(field);
            args.add(value);
        });
        Long listed = redis.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, LIST_LEASE, RScript.ReturnType.LONG,
                List.of(leases()), key.wire(), String.valueOf(lease.toMillis()));
        Long result = redis.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, CLAIM,
                RScript.ReturnType.LONG, List.of(runningSet(key.tenantId(), key.user()), meta(key), events(key)), args.toArray());
        if (result.intValue() != 1 && listed == 1) {
            redis.getScoredSortedSet(leases(), StringCodec.INSTANCE).remove(key.wire());
        }
        return switch (result.intValue()) {
            case 1 -> Claim.CLAIMED;
            case 2 -> Claim.ALREADY_RUNNING;
            default -> Claim.AT_LIMIT;
        };
    }

    @Override
    public void append(JobKey key, StreamEvent event) {
        pending.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).add(event);
    }

    @Override
    public void finish(JobKey key, JobInfo.Status status, Duration retention) {
        flush();
        pending.remove(key);
        RBatch batch = redis.createBatch();
        batch.getMap(meta(key), StringCodec.INSTANCE).fastPutAsync("status", status.wire());
        batch.getMap(meta(key), StringCodec.INSTANCE).expireAsync(retention);
        batch.getStream(events(key), StringCodec.INSTANCE).expireAsync(retention);
        batch.getScoredSortedSet(runningSet(key.tenantId(), key.user()), StringCodec.INSTANCE).removeAsync(key.streamId());
        batch.getScoredSortedSet(leases(), StringCodec.INSTANCE).removeAsync(key.wire());
        batch.execute();
    }

    @Override
    public void discard(JobKey key) {
        pending.remove(key);
        RBatch batch = redis.createBatch();
        batch.getKeys().deleteAsync(meta(key), events(key));
        batch.getScoredSortedSet(runningSet(key.tenantId(), key.user()), StringCodec.INSTANCE).removeAsync(key.streamId());
        batch.getScoredSortedSet(leases(), StringCodec.INSTANCE).removeAsync(key.wire());
        batch.execute();
    }

    @Override
    public Optional<JobInfo> find(JobKey key) {
        Map<String, String> fields = redis.<String, String>getMap(meta(key), StringCodec.INSTANCE).readAllMap();
        return fields.isEmpty() ? Optional.empty() : Optional.of(info(fields));
    }

    @Override
    public List<String> running(String tenantId, String user) {
        List<Object> ids = redis.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_ONLY,
                "return redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. ARGV[1], '+inf')", RScript.ReturnType.LIST,
                List.of(runningSet(tenantId, user)), String.valueOf(System.currentTimeMillis()));
        return ids.stream().map(String::valueOf).toList();
    }

    @Override
    public EventFeed feed(JobKey key) {
        return new RedisFeed(key);
    }

    @Override
    public void requestAbort(JobKey key) {
        aborts.publish(key.wire());
    }

    @Override
    public void onAbortRequest(Consumer<JobKey> handler) {
        aborts.addListener(String.class, (channel, message) -> {
            JobKey key = JobKey.fromWire(message);
            if (key != null) {
                handler.accept(key);
            }
        });
    }

    /** Two round trips whatever the number of jobs: the renewals, then the index entries of those renewed. */
    @Override
    public Set<JobKey> renew(Collection<JobKey> keys, String owner, Duration lease) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        RBatch renewals = redis.createBatch();
        Map<JobKey, RFuture<Long>> answers = new LinkedHashMap<>();
        for (JobKey key : keys) {
            answers.put(key, renewals.getScript(StringCodec.INSTANCE).evalAsync(RScript.Mode.READ_WRITE, RENEW,
                    RScript.ReturnType.LONG, List.of(meta(key)), owner, String.valueOf(lease.toMillis())));
        }
        renewals.execute();
        Set<JobKey> lost = new HashSet<>();
        RBatch index = redis.createBatch();
        answers.forEach((key, answer) -> {
            long leaseUntil = answer.toCompletableFuture().join();
            if (leaseUntil > 0) {
                index.getScoredSortedSet(leases(), StringCodec.INSTANCE).addAsync(leaseUntil, key.wire());
            } else {
                lost.add(key);
            }
        });
        if (lost.size() < keys.size()) {
            index.execute();
        }
        return lost;
    }

    @Override
    public List<JobKey> lapsed(int max) {
        List<Object> members = redis.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_ONLY, LAPSED,
                RScript.ReturnType.LIST, List.of(leases()), String.valueOf(max));
        List<JobKey> keys = new ArrayList<>(members.size());
        for (Object member : members) {
            JobKey key = JobKey.fromWire(String.valueOf(member));
            if (key != null) {
                keys.add(key);
            } else {
                redis.getScoredSortedSet(leases(), StringCodec.INSTANCE).remove(member);
            }
        }
        return keys;
    }

    @Override
    public boolean takeOver(JobKey key, String owner, Duration lease) {
        Long leaseUntil = redis.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, TAKE_OVER,
                RScript.ReturnType.LONG, List.of(meta(key)), owner, String.valueOf(lease.toMillis()));
        if (leaseUntil == 0) {
            // ended, or its record expired: nothing to take over, and nothing to list any more
            redis.getScoredSortedSet(leases(), StringCodec.INSTANCE).remove(key.wire());
            return false;
        }
        if (leaseUntil > 0) {
            redis.getScoredSortedSet(leases(), StringCodec.INSTANCE).add(leaseUntil, key.wire());
            return true;
        }
        // renewed after the sweep read the index; its owner's next renewal moves the entry
        return false;
    }

    @Override
    public Optional<OrphanedJob> orphan(JobKey key) {
        Map<String, String> fields = redis.<String, String>getMap(meta(key), StringCodec.INSTANCE).readAllMap();
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        List<StreamEvent> events = new ArrayList<>();
        try (RedisFeed feed = new RedisFeed(key)) {
            for (StreamEvent event = feed.next(Duration.ZERO); event != null; event = feed.next(Duration.ZERO)) {
                events.add(event);
            }
        }
        return Optional.of(new OrphanedJob(key, info(fields), fields.get("handover"), fields.get("settledAs"), events));
    }

    @Override
    public void handover(JobKey key, String handover) {
        redis.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, HANDOVER, RScript.ReturnType.LONG,
                List.of(meta(key)), handover);
    }

    @Override
    public String settleAs(JobKey key, String proposed) {
        return redis.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, SETTLE_AS, RScript.ReturnType.VALUE,
                List.of(meta(key)), proposed);
    }

    @Override
    public void close() {
        flusher.shutdown();
        flushQuietly();
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("Could not write job events to Redis: {}", e.toString());
        }
    }

    /** One pipeline for every job's waiting events; one flush at a time keeps each job's order. */
    private void flush() {
        flushing.lock();
        try {
            if (pending.isEmpty()) {
                return;
            }
            RBatch batch = redis.createBatch();
            int count = 0;
            for (Map.Entry<JobKey, Queue<StreamEvent>> entry : pending.entrySet()) {
                Queue<StreamEvent> queue = entry.getValue();
                RStream<String, String> stream = null;
                for (StreamEvent event = queue.poll(); event != null; event = queue.poll()) {
                    if (stream == null) {
                        stream = (RStream<String, String>) (RStream<?, ?>) batch.getStream(events(entry.getKey()), StringCodec.INSTANCE);
                    }
                    stream.addAsync(StreamAddArgs.entries("t", event.type(), "d", event.json()));
                    count++;
                }
            }
            if (count > 0) {
                batch.execute();
            }
        } finally {
            flushing.unlock();
        }
    }

    private final class RedisFeed implements EventFeed {

        private final JobKey key;
        private final RStream<String, String> stream;
        private StreamMessageId last = new StreamMessageId(0, 0);
        private final java.util.ArrayDeque<StreamEvent> ready = new java.util.ArrayDeque<>();
        private boolean done;

        RedisFeed(JobKey key) {
            this.key = key;
            this.stream = redis.getStream(events(key), StringCodec.INSTANCE);
        }

        @Override
        public StreamEvent next(Duration wait) {
            if (ready.isEmpty() && !done) {
                StreamReadArgs args = StreamReadArgs.greaterThan(last).count(500);
                // BLOCK 0 would wait forever: a zero wait is a plain read.
                Map<StreamMessageId, Map<String, String>> read = stream.read(wait.isZero() ? args : args.timeout(wait));
                if (read != null) {
                    read.forEach((id, entry) -> {
                        last = id;
                        ready.add(StreamEvent.parse(entry.get("t"), entry.get("d")));
                    });
                }
                if (ready.isEmpty() && find(key).isEmpty()) {
                    done = true;
                }
            }
            StreamEvent event = ready.poll();
            if (event != null && event.terminal()) {
                done = true;
                ready.clear();
            }
            return event;
        }

        @Override
        public boolean ended() {
            return done;
        }

        @Override
        public void close() {
            ready.clear();
        }
    }

    /**
     * Every running job of the installation, scored by when its lease lapses: what the takeover sweep
     * reads. Its own key (and Cluster slot); the scripts that decide a lease touch only the job's record.
     */
    private String leases() {
        return prefix + "job-leases";
    }

    /** One hash tag per user: a user's running set and jobs live on one Cluster node, as the claim script needs. */
    private String runningSet(String tenantId, String user) {
        return prefix + "jobs:{" + tenantId + ":" + user + "}";
    }

    private String meta(JobKey key) {
        return key.redisName(prefix);
    }

    private String events(JobKey key) {
        return key.redisName(prefix) + ":events";
    }

    private static Map<String, String> fields(JobInfo info) {
        Map<String, String> fields = new HashMap<>();
        fields.put("streamId", info.streamId());
        fields.put("conversationId", info.conversationId());
        fields.put("responseMessageId", info.responseMessageId());
        fields.put("sender", info.sender());
        fields.put("model", info.model());
        fields.put("endpoint", info.endpoint());
        fields.put("userMessage", JSON.writeValueAsString(info.userMessage()));
        fields.put("createdAt", String.valueOf(info.createdAt().toEpochMilli()));
        fields.put("status", info.status().wire());
        return fields;
    }

    @SuppressWarnings("unchecked")
    private static JobInfo info(Map<String, String> fields) {
        return new JobInfo(fields.get("streamId"), fields.get("conversationId"), fields.get("responseMessageId"),
                fields.get("sender"), fields.get("model"), fields.get("endpoint"),
                JSON.readValue(fields.getOrDefault("userMessage", "{}"), Map.class),
                Instant.ofEpochMilli(Long.parseLong(fields.getOrDefault("createdAt", "0"))),
                JobInfo.Status.fromWire(fields.getOrDefault("status", "running")));
    }
}
