package io.parley.common.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Counters that live for a fixed window from their first hit: rate limits ("7 logins per 5
 * minutes"), violation scores and bans. Shared across instances through Redis when one is
 * configured, else held in this process (one instance only).
 *
 * <p>Async so that blocking services and the reactive gateway use the same contract.
 */
public interface WindowCounter {

    /**
     * Adds {@code amount} to the counter under {@code key}. The first add starts the window; later
     * adds within it do not extend it.
     */
    CompletionStage<Count> add(String key, long amount, Duration window);

    /** The counter's current value without changing it; {@code 0} and a zero reset time when absent. */
    CompletionStage<Count> peek(String key);

    /**
     * Several counters at once, in the order of {@code keys}: one round trip to a shared store instead
     * of one per key.
     */
    default CompletionStage<List<Count>> peekAll(List<String> keys) {
        List<CompletableFuture<Count>> peeks = keys.stream().map(k -> peek(k).toCompletableFuture()).toList();
        return CompletableFuture.allOf(peeks.toArray(CompletableFuture[]::new))
                .thenApply(done -> peeks.stream().map(CompletableFuture::join).toList());
    }

    /** Drops the counter (e.g. a ban lifted by an admin). */
    CompletionStage<Void> reset(String key);

    /**
     * How many counters there are whose key starts with {@code keyPrefix} (an operator's look before a
     * flush). Walks the store: for admin commands, never for requests.
     */
    default CompletionStage<Long> countWithPrefix(String keyPrefix) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("counting by prefix"));
    }

    /**
     * Drops every counter whose key starts with {@code keyPrefix} (an operator's flush of a tenant's
     * limits and bans). Walks the store: for admin commands, never for requests.
     *
     * @return how many were dropped
     */
    default CompletionStage<Long> resetWithPrefix(String keyPrefix) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("resetting by prefix"));
    }

    /**
     * @param value    the sum of the amounts added in the current window
     * @param resetsIn time until the window closes; zero when there is no counter
     */
    record Count(long value, Duration resetsIn) {

        public static final Count NONE = new Count(0, Duration.ZERO);
    }
}
