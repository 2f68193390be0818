package io.parley.common.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Whether a request's user and address may be served at all — the user's tokens revoked, the address
 * or the user banned — read together in one round trip to the shared counters, as the edge needs it
 * on every request.
 */
public final class Standings {

    private final WindowCounter counters;
    private final Revocations revocations;
    private final Violations violations;

    public Standings(WindowCounter counters, Revocations revocations, Violations violations) {
        this.counters = counters;
        this.revocations = revocations;
        this.violations = violations;
    }

    /** The standing of {@code userId} (null for no token) calling from {@code ip} in {@code tenant}. */
    public CompletionStage<Standing> of(String tenant, String ip, String userId) {
        List<String> revoked = revocations.keys(tenant, userId);
        List<String> keys = new ArrayList<>(revoked);
        keys.addAll(violations.banKeys(tenant, ip, userId));
        return counters.peekAll(keys).thenApply(counts -> {
            boolean isRevoked = counts.subList(0, revoked.size()).stream().anyMatch(c -> c.value() > 0);
            Optional<Duration> ban = counts.subList(revoked.size(), counts.size()).stream()
                    .filter(c -> c.value() > 0).map(WindowCounter.Count::resetsIn).findFirst();
            return new Standing(isRevoked, ban);
        });
    }

    /**
     * @param revoked      the user's tokens are no longer honoured
     * @param banRemaining how long the address's or else the user's ban lasts; empty when neither is banned
     */
    public record Standing(boolean revoked, Optional<Duration> banRemaining) {

        public static final Standing GOOD = new Standing(false, Optional.empty());
    }
}
