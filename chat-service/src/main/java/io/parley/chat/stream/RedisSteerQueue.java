package io.parley.chat.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.redisson.api.BatchResult;
import org.redisson.api.RBatch;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * {@link SteerQueue} on Redis, under the user's hash tag beside the job's record (whose status and start
 * the enqueue script reads, so a steer is queued only for the running job it was meant for): a hash of
 * the conversation's steers ({@code s:<id>} the steer, {@code t:<id>} its state, {@code c:<clientId>} its
 * id) and a list of the waiting ones' ids. Every change is one script, so an instance applying steers at
 * a boundary, one ending the job and one serving a cancel never both win the same steer.
 */
final class RedisSteerQueue implements SteerQueue {

    /**
     * ARGV: steer id, client id or '', generation, steer JSON, max waiting, ttl ms. A known client id
     * answers with its steer; the job must be running, of that generation and not closed to steering.
     */
    private static final String ENQUEUE = """
            if ARGV[2] ~= '' then
              local known = redis.call('HGET', KEYS[2], 'c:' .. ARGV[2])
              if known then
                local position = 0
                for i, id in ipairs(redis.call('LRANGE', KEYS[3], 0, -1)) do
                  if id == known then position = i end
                end
                return {'replayed', redis.call('HGET', KEYS[2], 's:' .. known), redis.call('HGET', KEYS[2], 't:' .. known), position}
              end
            end
            if redis.call('HGET', KEYS[1], 'status') ~= 'running' or redis.call('HGET', KEYS[1], 'createdAt') ~= ARGV[3]
                or redis.call('HEXISTS', KEYS[1], 'steersClosed') == 1 then
              return {'not_running'}
            end
            if redis.call('LLEN', KEYS[3]) >= tonumber(ARGV[5]) then return {'full'} end
            redis.call('HSET', KEYS[2], 's:' .. ARGV[1], ARGV[4], 't:' .. ARGV[1], 'queued')
            if ARGV[2] ~= '' then redis.call('HSET', KEYS[2], 'c:' .. ARGV[2], ARGV[1]) end
            local position = redis.call('RPUSH', KEYS[3], ARGV[1])
            redis.call('PEXPIRE', KEYS[2], ARGV[6])
            redis.call('PEXPIRE', KEYS[3], ARGV[6])
            return {'queued', ARGV[4], 'queued', position}
            """;
    /**
     * ARGV: the state the waiting steers take, '1' to close the job to steering, its generation, ttl ms
     * from now. Returns the steers taken, or when closing every left-over one.
     */
    private static final String DRAIN = """
            local ids = redis.call('LRANGE', KEYS[3], 0, -1)
            redis.call('DEL', KEYS[3])
            for _, id in ipairs(ids) do redis.call('HSET', KEYS[2], 't:' .. id, ARGV[1]) end
            local out = {}
            if ARGV[2] ~= '1' then
              for _, id in ipairs(ids) do table.insert(out, redis.call('HGET', KEYS[2], 's:' .. id)) end
              return out
            end
            if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], 'steersClosed', ARGV[3]) end
            local all = redis.call('HGETALL', KEYS[2])
            for i = 1, #all, 2 do
              if string.sub(all[i], 1, 2) == 't:' and all[i + 1] == 'leftover' then
                table.insert(out, redis.call('HGET', KEYS[2], 's:' .. string.sub(all[i], 3)))
              end
            end
            if #all > 0 then redis.call('PEXPIRE', KEYS[2], ARGV[4]) end
            return out
            """;
    private static final String CANCEL = """
            local state = redis.call('HGET', KEYS[1], 't:' .. ARGV[1])
            if state == 'cancelled' then return 1 end
            if state == 'queued' then
              redis.call('LREM', KEYS[2], 1, ARGV[1])
            elseif state ~= 'leftover' then
              return 0
            end
            redis.call('HSET', KEYS[1], 't:' .. ARGV[1], 'cancelled')
            return 1
            """;
    private static final String CONSUME = """
            if redis.call('HGET', KEYS[1], 't:' .. ARGV[1]) == 'leftover' then
              redis.call('HSET', KEYS[1], 't:' .. ARGV[1], 'consumed')
            end
            return 0
            """;

    private final RedissonClient redis;
    private final String prefix;
    /** How long a conversation's steers are kept after their last change while its job runs. */
    private final Duration runningTtl;
    /** How long they are kept once the job ends: as long as its events. */
    private final Duration retention;

    RedisSteerQueue(RedissonClient redis, String prefix, Duration runningTtl, Duration retention) {
        this.redis = redis;
        this.prefix = prefix;
        this.runningTtl = runningTtl;
        this.retention = retention;
    }

    @Override
    public SteerEnqueued enqueue(JobKey key, Steer steer, int max) {
        List<Object> answer = script().eval(RScript.Mode.READ_WRITE, ENQUEUE, RScript.ReturnType.LIST, keys(key),
                steer.steerId(), steer.clientSteerId() == null ? "" : steer.clientSteerId(),
                String.valueOf(steer.generation()), steer.json(), String.valueOf(max),
                String.valueOf(runningTtl.toMillis()));
        return switch (String.valueOf(answer.getFirst())) {
            case "queued" -> new SteerEnqueued(SteerEnqueued.Outcome.QUEUED, steer.in(Steer.State.QUEUED),
                    ((Number) answer.get(3)).intValue());
            case "replayed" -> new SteerEnqueued(SteerEnqueued.Outcome.REPLAYED,
                    Steer.fromJson((String) answer.get(1), Steer.State.fromWire((String) answer.get(2))),
                    ((Number) answer.get(3)).intValue());
            case "full" -> SteerEnqueued.refused(SteerEnqueued.Outcome.FULL);
            default -> SteerEnqueued.refused(SteerEnqueued.Outcome.NOT_RUNNING);
        };
    }

    @Override
    public List<Steer> apply(JobKey key) {
        return parsed(drain(key, Steer.State.APPLIED, false, 0), Steer.State.APPLIED);
    }

    @Override
    public List<Steer> close(JobKey key, long generation) {
        return parsed(drain(key, Steer.State.LEFTOVER, true, generation), Steer.State.LEFTOVER).stream()
                .filter(s -> s.generation() == generation).sorted(Comparator.comparingLong(Steer::createdAt)).toList();
    }

    @Override
    public boolean cancel(JobKey key, String steerId) {
        Long cancelled = script().eval(RScript.Mode.READ_WRITE, CANCEL, RScript.ReturnType.LONG,
                List.of(steers(key), queue(key)), steerId);
        return cancelled == 1;
    }

    @Override
    public void consume(JobKey key, String steerId) {
        script().eval(RScript.Mode.READ_WRITE, CONSUME, RScript.ReturnType.LONG, List.of(steers(key)), steerId);
    }

    @Override
    public List<Steer> all(JobKey key) {
        RBatch batch = redis.createBatch();
        batch.getList(queue(key), StringCodec.INSTANCE).readAllAsync();
        batch.getMap(steers(key), StringCodec.INSTANCE).readAllMapAsync();
        BatchResult<?> read = batch.execute();
        @SuppressWarnings("unchecked")
        List<String> waiting = (List<String>) read.getResponses().get(0);
        @SuppressWarnings("unchecked")
        Map<String, String> fields = (Map<String, String>) read.getResponses().get(1);
        List<Steer> out = new ArrayList<>();
        for (String id : waiting) {
            String json = fields.get("s:" + id);
            if (json != null) {
                out.add(Steer.fromJson(json, Steer.State.QUEUED));
            }
        }
        List<Steer> rest = new ArrayList<>();
        fields.forEach((field, value) -> {
            if (field.startsWith("t:") && !Steer.State.QUEUED.wire().equals(value)) {
                String json = fields.get("s:" + field.substring(2));
                if (json != null) {
                    rest.add(Steer.fromJson(json, Steer.State.fromWire(value)));
                }
            }
        });
        rest.sort(Comparator.comparingLong(Steer::createdAt));
        out.addAll(rest);
        return out;
    }

    private List<Object> drain(JobKey key, Steer.State to, boolean close, long generation) {
        return script().eval(RScript.Mode.READ_WRITE, DRAIN, RScript.ReturnType.LIST, keys(key), to.wire(),
                close ? "1" : "", String.valueOf(generation), String.valueOf(retention.toMillis()));
    }

    private static List<Steer> parsed(List<Object> jsons, Steer.State state) {
        List<Steer> out = new ArrayList<>(jsons.size());
        for (Object json : jsons) {
            if (json instanceof String text) {
                out.add(Steer.fromJson(text, state));
            }
        }
        return out;
    }

    private RScript script() {
        return redis.getScript(StringCodec.INSTANCE);
    }

    private List<Object> keys(JobKey key) {
        return List.of(key.redisName(prefix), steers(key), queue(key));
    }

    private String steers(JobKey key) {
        return key.redisName(prefix) + ":steers";
    }

    private String queue(JobKey key) {
        return key.redisName(prefix) + ":steer-queue";
    }
}
