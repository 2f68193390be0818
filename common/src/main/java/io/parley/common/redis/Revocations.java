package io.parley.common.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Accounts whose access tokens are no longer honoured, though their signatures still verify: a
 * deleted account's tokens would otherwise keep working at every service until they expire. Kept in
 * the shared {@link WindowCounter} for as long as such a token can live; the gateway refuses them.
 */
public final class Revocations {

    private final WindowCounter counters;

    public Revocations(WindowCounter counters) {
        this.counters = counters;
    }

    /** Refuses every token of the user issued so far, for {@code tokenLifetime} from now. */
    public CompletionStage<Void> revokeUser(String tenant, String userId, Duration tokenLifetime) {
        return counters.add(key(tenant, userId), 1, tokenLifetime).thenApply(count -> null);
    }

    public CompletionStage<Boolean> isRevoked(String tenant, String userId) {
        if (userId == null) {
            return CompletableFuture.completedFuture(false);
        }
        return counters.peek(key(tenant, userId)).thenApply(count -> count.value() > 0);
    }

    /** The counters that say whether the user's tokens are revoked; none without a user. */
    List<String> keys(String tenant, String userId) {
        return userId == null ? List.of() : List.of(key(tenant, userId));
    }

    private static String key(String tenant, String userId) {
        return "revoked:" + tenant + ":user:" + userId;
    }
}
