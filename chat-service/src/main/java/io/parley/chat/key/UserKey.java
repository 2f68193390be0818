package io.parley.chat.key;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A user's own API key for one endpoint, decrypted.
 *
 * @param value     as the user saved it: the key, or for endpoints with a user-provided URL a JSON
 *                  string such as {@code {"apiKey":"…","baseURL":"…"}}; never logged
 * @param expiresAt when it stops being usable; null for never. May be in the past: see {@link UserKeys#require}
 */
public record UserKey(String value, @Nullable Instant expiresAt) {

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    /** Never shows the value. */
    @Override
    public String toString() {
        return "UserKey[expiresAt=" + (expiresAt == null ? "never" : expiresAt) + "]";
    }
}
