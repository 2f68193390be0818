package io.parley.auth.email;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A single-use secret sent by mail: a password reset or an e-mail verification. Only the token's
 * SHA-256 is stored (as the id), so the collection cannot be used to reset anyone's password.
 *
 * @param id        SHA-256 of the token, hex
 * @param email     the address the token was sent to (lower-case)
 * @param expiresAt checked on every use; the TTL index only cleans up (real MongoDB)
 * @param usedAt    null until the token is used; set once, atomically
 */
@Document("account_tokens")
record AccountToken(@Id String id, String tenantId, String userId, String email, Purpose purpose,
                    Instant createdAt, Instant expiresAt, Instant usedAt) {

    enum Purpose { RESET, VERIFY }
}
