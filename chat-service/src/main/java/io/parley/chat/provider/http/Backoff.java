package io.parley.chat.provider.http;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * Waits between attempts: a uniform pick between half and all of {@code first · 2^attempt}, capped;
 * the jitter keeps clients that failed together from coming back together. A provider's Retry-After wins,
 * capped the same way so one answer cannot park a turn for minutes.
 *
 * @param first the bound of the first wait
 * @param cap   the longest wait, Retry-After included
 */
record Backoff(Duration first, Duration cap) {

    static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(8));

    /**
     * @param attempt    0 for the wait after the first failure
     * @param retryAfter what the provider asked for, or null
     */
    Duration delay(int attempt, @Nullable Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter.compareTo(cap) > 0 ? cap : retryAfter;
        }
        long capMillis = cap.toMillis();
        long bound = first.toMillis() << Math.min(attempt, 20);
        bound = bound <= 0 || bound > capMillis ? capMillis : bound;
        return Duration.ofMillis(bound == 0 ? 0 : ThreadLocalRandom.current().nextLong(bound / 2, bound + 1));
    }
}
