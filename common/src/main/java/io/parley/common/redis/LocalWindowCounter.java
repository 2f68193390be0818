package io.parley.common.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * {@link WindowCounter} in this process's memory, for a single instance without Redis. Expired
 * counters are dropped when touched and swept when the map grows, so memory stays bounded by the
 * number of keys active within one window.
 */
public final class LocalWindowCounter implements WindowCounter {

    private static final int SWEEP_ABOVE = 10_000;

    private final ConcurrentMap<String, Entry> counters = new ConcurrentHashMap<>();
    private final Clock clock;

    public LocalWindowCounter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public CompletionStage<Count> add(String key, long amount, Duration window) {
        Instant now = clock.instant();
        if (counters.size() > SWEEP_ABOVE) {
            counters.values().removeIf(e -> !e.expiresAt().isAfter(now));
        }
        Entry entry = counters.compute(key, (k, old) -> old == null || !old.expiresAt().isAfter(now)
                ? new Entry(amount, now.plus(window))
                : new Entry(old.value() + amount, old.expiresAt()));
        return CompletableFuture.completedFuture(entry.count(now));
    }

    @Override
    public CompletionStage<Count> peek(String key) {
        Instant now = clock.instant();
        Entry entry = counters.get(key);
        if (entry == null || !entry.expiresAt().isAfter(now)) {
            return CompletableFuture.completedFuture(Count.NONE);
        }
        return CompletableFuture.completedFuture(entry.count(now));
    }

    @Override
    public CompletionStage<Void> reset(String key) {
        counters.remove(key);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Long> countWithPrefix(String keyPrefix) {
        Instant now = clock.instant();
        return CompletableFuture.completedFuture(counters.entrySet().stream()
                .filter(e -> e.getKey().startsWith(keyPrefix) && e.getValue().expiresAt().isAfter(now)).count());
    }

    @Override
    public CompletionStage<Long> resetWithPrefix(String keyPrefix) {
        long dropped = 0;
        for (String key : List.copyOf(counters.keySet())) {
            if (key.startsWith(keyPrefix) && counters.remove(key) != null) {
                dropped++;
            }
        }
        return CompletableFuture.completedFuture(dropped);
    }

    private record Entry(long value, Instant expiresAt) {

        Count count(Instant now) {
            return new Count(value, Duration.between(now, expiresAt));
        }
    }
}
