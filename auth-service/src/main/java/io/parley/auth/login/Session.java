package io.parley.auth.login;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One login: the family of refresh tokens rotated from it. Each refresh moves {@code generation}
 * on; a refresh token of an older generation is a stolen or replayed one, and revokes the family.
 *
 * @param expiresAt absolute end of the session (LibreChat's is not sliding); checked on every read
 * @param revokedAt null while the session is usable
 */
@Document("sessions")
record Session(@Id String id, String tenantId, String userId, long generation, Instant createdAt,
               Instant lastRefreshedAt, Instant expiresAt, Instant revokedAt, String revokedReason) {

    boolean usableAt(Instant now) {
        return revokedAt == null && expiresAt.isAfter(now);
    }
}
