package io.parley.mcp.oauth;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.redisson.api.RBucket;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;

/** Started sign-ins in Redis, each key expiring with its flow; the callback may reach any instance. */
final class RedisFlowStore implements FlowStore {

    private final RedissonClient redis;
    private final String prefix;

    RedisFlowStore(RedissonClient redis, String prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
        bucket(key).set(value, ttl);
    }

    @Override
    public byte @Nullable [] get(String key) {
        return bucket(key).get();
    }

    @Override
    public byte @Nullable [] take(String key) {
        return bucket(key).getAndDelete();
    }

    @Override
    public void delete(String key) {
        bucket(key).delete();
    }

    private RBucket<byte[]> bucket(String key) {
        return redis.getBucket(prefix + key, ByteArrayCodec.INSTANCE);
    }
}
