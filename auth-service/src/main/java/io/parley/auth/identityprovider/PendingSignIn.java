package io.parley.auth.identityprovider;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A sign-in on its way through a provider: what the callback must find again. Kept server-side (any
 * instance can take the callback) and used once.
 *
 * @param id           SHA-256 (hex) of the {@code state} sent to the provider
 * @param codeVerifier PKCE verifier whose S256 challenge went to the provider
 * @param nonce        OpenID Connect nonce the ID token must carry
 * @param browserHash  SHA-256 (hex) of the random value in the starting browser's binding cookie, so a
 *                     callback carried to another browser (login CSRF) is refused
 */
@Document("oauth_states")
public record PendingSignIn(@Id String id, String tenantId, String provider, String codeVerifier, String nonce,
                     String browserHash, Instant createdAt, Instant expiresAt) {

    @Override
    public String toString() {
        return "PendingSignIn[tenantId=" + tenantId + ", provider=" + provider + ", expiresAt=" + expiresAt + "]";
    }
}
