package io.parley.common.redis;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Whether a request's user and address may be served at all — the user's tokens or the token's login
 * session revoked, the address or the user banned — as the edge needs it on every request. What the shared counters said is kept
 * here for {@code freshFor} (a second by default): a revocation or a ban made elsewhere applies within
 * that time, and a steady stream of requests from one person costs one round trip to Redis per
 * interval, not one per request. Counters this process changes itself are forgotten at once
 * ({@link #forget}).
 */
public final class Standings {

    public static final Duration FRESH_FOR = Duration.ofSeconds(1);

    private final WindowCounter counters;
    private final Revocations revocations;
    private final Violations violations;
    private final Cache<String, Known> known;

    public Standings(WindowCounter counters, Revocations revocations, Violations violations, Duration freshFor) {
        this.counters = counters;
        this.revocations = revocations;
        this.violations = violations;
        this.known = Caffeine.newBuilder().expireAfterWrite(freshFor).maximumSize(100_000).build();
    }

    /**
     * The standing of {@code userId} (null for no token) in {@code tenant}, whose token was issued for
     * {@code sessionId} (null for none), calling from {@code ip} (null when the address is not to be
     * judged, such as a trusted proxy's own).
     */
    public CompletionStage<Standing> of(String tenant, String ip, String userId, String sessionId) {
        List<String> accountKeys = revocations.keys(tenant, userId);
        List<String> revoked = new ArrayList<>(accountKeys);
        revoked.addAll(revocations.sessionKeys(tenant, sessionId));
        List<String> keys = new ArrayList<>(revoked);
        keys.addAll(violations.banKeys(tenant, ip, userId));
        Map<String, Known> found = new HashMap<>(keys.size());
        List<String> missing = new ArrayList<>(keys.size());
        for (String key : keys) {
            Known k = known.getIfPresent(key);
            if (k == null) {
                missing.add(key);
            } else {
                found.put(key, k);
            }
        }
        CompletionStage<Map<String, Known>> all = missing.isEmpty() ? CompletableFuture.completedFuture(found)
                : counters.peekAll(missing).thenApply(counts -> {
                    long now = System.nanoTime();
                    for (int i = 0; i < missing.size(); i++) {
                        Known k = Known.of(counts.get(i), now);
                        known.put(missing.get(i), k);
                        found.put(missing.get(i), k);
                    }
                    return found;
                });
        return all.thenApply(byKey -> {
            long now = System.nanoTime();
            boolean accountRevoked = accountKeys.stream().anyMatch(key -> byKey.get(key).inForce(now));
            boolean sessionEnded = revoked.subList(accountKeys.size(), revoked.size()).stream()
                    .anyMatch(key -> byKey.get(key).inForce(now));
            Optional<Duration> ban = keys.subList(revoked.size(), keys.size()).stream().map(byKey::get)
                    .filter(k -> k.inForce(now)).map(k -> k.remaining(now)).findFirst();
            return new Standing(accountRevoked, sessionEnded, ban);
        });
    }

    /** Drops what is known of these bans, after this process changed them (a violation it counted). */
    public void forget(String tenant, String ip, String userId) {
        known.invalidateAll(violations.banKeys(tenant, ip, userId));
    }

    /** A counter as read: in force while it has a value and its window has not closed. */
    private record Known(long value, long endsAtNanos) {

        static Known of(WindowCounter.Count count, long now) {
            return new Known(count.value(), now + count.resetsIn().toNanos());
        }

        boolean inForce(long now) {
            return value > 0 && endsAtNanos - now > 0;
        }

        Duration remaining(long now) {
            return Duration.ofNanos(endsAtNanos - now);
        }
    }

    /**
     * @param revoked      the user's tokens are no longer honoured (the account is gone)
     * @param sessionEnded the tokens of the token's login session are no longer honoured
     * @param banRemaining how long the address's or else the user's ban lasts; empty when neither is banned
     */
    public record Standing(boolean revoked, boolean sessionEnded, Optional<Duration> banRemaining) {

        public static final Standing GOOD = new Standing(false, false, Optional.empty());
    }
}
