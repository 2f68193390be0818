package io.parley.common.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.redisson.api.RBatch;
import org.redisson.api.RKeys;
import org.redisson.api.options.KeysScanOptions;
import org.redisson.api.RFuture;
import org.redisson.api.RScript;
import org.redisson.api.RScriptAsync;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/** {@link WindowCounter} on Redis: one key per counter, INCRBY and PEXPIRE in one atomic script. */
final class RedisWindowCounter implements WindowCounter {

    private static final String ADD = """
            local c = redis.call('INCRBY', KEYS[1], ARGV[1])
            local t = redis.call('PTTL', KEYS[1])
            if t < 0 then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
              t = tonumber(ARGV[2])
            end
            return {c, t}
            """;
    private static final String PEEK = """
            local c = redis.call('GET', KEYS[1])
            if not c then return {0, 0} end
            return {tonumber(c), redis.call('PTTL', KEYS[1])}
            """;

    private final RedissonClient redisson;
    private final String prefix;

    RedisWindowCounter(RedissonClient redisson, String prefix) {
        this.redisson = redisson;
        this.prefix = prefix;
    }

    @Override
    public CompletionStage<Count> add(String key, long amount, Duration window) {
        return script().<List<Object>>evalAsync(RScript.Mode.READ_WRITE, ADD, RScript.ReturnType.LIST,
                List.of(prefix + key), Long.toString(amount), Long.toString(Math.max(1, window.toMillis())))
                .thenApply(RedisWindowCounter::count);
    }

    @Override
    public CompletionStage<Count> peek(String key) {
        return script().<List<Object>>evalAsync(RScript.Mode.READ_ONLY, PEEK, RScript.ReturnType.LIST,
                List.of(prefix + key)).thenApply(RedisWindowCounter::count);
    }

    /** One pipelined batch (one round trip per Redis node, so keys on different cluster slots work too). */
    @Override
    public CompletionStage<List<Count>> peekAll(List<String> keys) {
        if (keys.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        RBatch batch = redisson.createBatch();
        RScriptAsync script = batch.getScript(StringCodec.INSTANCE);
        List<RFuture<List<Object>>> replies = keys.stream().map(key -> script.<List<Object>>evalAsync(
                RScript.Mode.READ_ONLY, PEEK, RScript.ReturnType.LIST, List.of(prefix + key))).toList();
        return batch.executeAsync().thenApply(done -> replies.stream()
                .map(reply -> count(reply.toCompletableFuture().join())).toList());
    }

    @Override
    public CompletionStage<Void> reset(String key) {
        return redisson.getBucket(prefix + key, StringCodec.INSTANCE).deleteAsync().thenApply(deleted -> null);
    }

    /** SCAN with MATCH (never KEYS, which blocks Redis), on every node of a cluster. */
    @Override
    public CompletionStage<Long> countWithPrefix(String keyPrefix) {
        return CompletableFuture.supplyAsync(() -> redisson.getKeys()
                .getKeysStream(KeysScanOptions.defaults().pattern(pattern(keyPrefix)).chunkSize(500)).count());
    }

    /** As {@link #countWithPrefix}, deleting what it finds in batches of 500. */
    @Override
    public CompletionStage<Long> resetWithPrefix(String keyPrefix) {
        return CompletableFuture.supplyAsync(() -> {
            RKeys keys = redisson.getKeys();
            long dropped = 0;
            List<String> batch = new ArrayList<>();
            for (String key : (Iterable<String>) keys.getKeysStream(
                    KeysScanOptions.defaults().pattern(pattern(keyPrefix)).chunkSize(500))::iterator) {
                batch.add(key);
                if (batch.size() == 500) {
                    dropped += keys.delete(batch.toArray(String[]::new));
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                dropped += keys.delete(batch.toArray(String[]::new));
            }
            return dropped;
        });
    }

    /** A glob matching the keys that start with {@code keyPrefix}, its glob characters escaped. */
    private String pattern(String keyPrefix) {
        return (prefix + keyPrefix).replaceAll("([*?\\[\\]\\\\])", "\\\\$1") + "*";
    }

    private RScript script() {
        return redisson.getScript(StringCodec.INSTANCE);
    }

    private static Count count(List<Object> reply) {
        long value = ((Number) reply.get(0)).longValue();
        long ttl = Math.max(0, ((Number) reply.get(1)).longValue());
        return new Count(value, Duration.ofMillis(ttl));
    }
}
