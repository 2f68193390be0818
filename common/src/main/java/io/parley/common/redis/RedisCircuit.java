package io.parley.common.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shared counters that fail fast while Redis is unreachable. A call that has no answer within
 * {@code timeout} fails (Redisson's own time-outs, seconds with retries, suit its other users, such as
 * chat jobs and a connection made while six processes start at once, not a request's limit check). After
 * a call fails, calls fail without reaching Redis for {@link #OPEN_FOR}; then the next call tries again,
 * and a success closes the circuit.
 * Callers treat a failure as "unknown" (limits and bans let the request through, see the gateway), so an
 * outage costs requests nothing but the first time-out, and they recover by themselves when Redis is back.
 */
final class RedisCircuit implements WindowCounter {

    static final Duration OPEN_FOR = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(RedisCircuit.class);

    private final WindowCounter redis;
    private final Duration timeout;
    private final LongSupplier nanoTime;
    private volatile long openUntil;
    private volatile boolean open;

    RedisCircuit(WindowCounter redis, Duration timeout) {
        this(redis, timeout, System::nanoTime);
    }

    RedisCircuit(WindowCounter redis, Duration timeout, LongSupplier nanoTime) {
        this.redis = redis;
        this.timeout = timeout;
        this.nanoTime = nanoTime;
    }

    @Override
    public CompletionStage<Count> add(String key, long amount, Duration window) {
        return call(() -> redis.add(key, amount, window));
    }

    @Override
    public CompletionStage<Count> peek(String key) {
        return call(() -> redis.peek(key));
    }

    @Override
    public CompletionStage<List<Count>> peekAll(List<String> keys) {
        return call(() -> redis.peekAll(keys));
    }

    @Override
    public CompletionStage<Void> reset(String key) {
        return call(() -> redis.reset(key));
    }

    /** Straight to Redis: a walk over the keys may take longer than the bound on a request's wait. */
    @Override
    public CompletionStage<Long> countWithPrefix(String keyPrefix) {
        return redis.countWithPrefix(keyPrefix);
    }

    /** Straight to Redis, as {@link #countWithPrefix}. */
    @Override
    public CompletionStage<Long> resetWithPrefix(String keyPrefix) {
        return redis.resetWithPrefix(keyPrefix);
    }

    private <T> CompletionStage<T> call(Supplier<CompletionStage<T>> command) {
        if (open && nanoTime.getAsLong() - openUntil < 0) {
            return CompletableFuture.failedFuture(new CountersUnavailable(OPEN_FOR));
        }
        CompletableFuture<T> result;
        try {
            result = command.get().toCompletableFuture().copy().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.whenComplete((value, failure) -> {
            if (failure == null) {
                if (open) {
                    open = false;
                    log.info("Redis reachable again; shared counters back in use");
                }
            } else {
                openUntil = nanoTime.getAsLong() + OPEN_FOR.toNanos();
                if (!open) {
                    open = true;
                    log.warn("Redis unreachable; shared counters skipped for {} at a time reason={}", OPEN_FOR, failure.toString());
                }
            }
        });
    }
}
