package io.parley.mcp.oauth;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** Started sign-ins in this process's memory: right for one instance, as without Redis everything else is. */
final class LocalFlowStore implements FlowStore {

    private record Entry(byte[] value, long expiresAtNanos) {

        boolean expired(long now) {
            return now - expiresAtNanos >= 0;
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    @Override
    public void put(String key, byte[] value, Duration ttl) {
        long now = System.nanoTime();
        if (entries.size() > 1_000) {
            entries.values().removeIf(e -> e.expired(now));
        }
        entries.put(key, new Entry(value, now + ttl.toNanos()));
    }

    @Override
    public byte @Nullable [] get(String key) {
        Entry entry = entries.get(key);
        return entry == null || entry.expired(System.nanoTime()) ? null : entry.value();
    }

    @Override
    public byte @Nullable [] take(String key) {
        Entry entry = entries.remove(key);
        return entry == null || entry.expired(System.nanoTime()) ? null : entry.value();
    }

    @Override
    public void delete(String key) {
        entries.remove(key);
    }
}
