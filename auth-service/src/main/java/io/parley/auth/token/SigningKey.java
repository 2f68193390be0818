package io.parley.auth.token;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A key pair that signs tokens, shared by all auth-service instances of the installation (so it has
 * no tenant). Kept in the database so a restart keeps every issued token valid.
 *
 * @param id        the JWK key id ({@code kid})
 * @param jwk       the private JWK as JSON
 */
@Document("signing_keys")
record SigningKey(@Id String id, String jwk, Instant createdAt) {
}
