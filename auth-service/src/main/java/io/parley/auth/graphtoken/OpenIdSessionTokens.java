package io.parley.auth.graphtoken;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The OpenID provider's tokens of one login session (LibreChat keeps them in the session for
 * {@code /api/auth/graph-token}); sealed with {@link TokenCipher}, never returned anywhere.
 *
 * @param id           the login session's id (the {@code sid} of its access tokens)
 * @param refreshToken sealed; null when the provider gave none
 * @param expiresAt    when the login session ends; the record is of no use after it
 */
@Document("openid_session_tokens")
record OpenIdSessionTokens(@Id String id, String tenantId, String userId, String accessToken, String refreshToken,
                           Instant accessTokenExpiresAt, Instant expiresAt) {

    @Override
    public String toString() {
        return "OpenIdSessionTokens[id=" + id + ", tenantId=" + tenantId + ", userId=" + userId + "]";
    }
}
