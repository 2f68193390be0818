package io.parley.auth.identityprovider;

import java.time.Instant;

/**
 * A provider's tokens for one sign-in. {@link #toString()} never shows them.
 *
 * @param refreshToken null when the provider gave none
 * @param expiresAt    when the access token stops being accepted
 */
public record ProviderTokens(String accessToken, String refreshToken, Instant expiresAt) {

    @Override
    public String toString() {
        return "ProviderTokens[expiresAt=" + expiresAt + ", refreshToken=" + (refreshToken != null) + "]";
    }
}
