package io.parley.auth.register;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An invitation to register with one address (LibreChat's {@code createInvite}): only the token's
 * SHA-256 is stored, as the id.
 *
 * @param email     lower-case; the registration must name it
 * @param expiresAt checked on every use; the TTL index only cleans up (real MongoDB)
 * @param usedAt    null until a registration uses it; set once, atomically
 */
@Document("invitations")
record Invitation(@Id String id, String tenantId, String email, Instant createdAt, Instant expiresAt, Instant usedAt) {
}
