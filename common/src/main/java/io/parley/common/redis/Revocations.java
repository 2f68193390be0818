package io.parley.common.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Access tokens no longer honoured though their signatures still verify: every token of a deleted
 * account, and the tokens of a login session that has ended (logout, a replayed refresh token, a
 * password reset). Otherwise they would keep working at every service until they expire. Kept in the
 * shared {@link WindowCounter} for as long as such a token can live; the gateway refuses them.
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

    /** Refuses every access token issued for the login session, for {@code tokenLifetime} from now. */
    public CompletionStage<Void> revokeSession(String tenant, String sessionId, Duration tokenLifetime) {
        return counters.add(sessionKey(tenant, sessionId), 1, tokenLifetime).thenApply(count -> null);
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

    /** The counter that says whether the session's tokens are revoked; none without a session. */
    List<String> sessionKeys(String tenant, String sessionId) {
        return sessionId == null ? List.of() : List.of(sessionKey(tenant, sessionId));
    }

    private static String key(String tenant, String userId) {
        return "revoked:" + tenant + ":user:" + userId;
    }

    private static String sessionKey(String tenant, String sessionId) {
        return "revoked:" + tenant + ":session:" + sessionId;
    }
}
