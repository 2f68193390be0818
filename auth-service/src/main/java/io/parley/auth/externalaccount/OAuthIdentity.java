package io.parley.auth.externalaccount;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A provider account linked to a Parley user: LibreChat's {@code googleId}, {@code githubId},
 * {@code openidId}, … kept apart from the user document. One (tenant, provider, subject) links to one user;
 * a user may have several.
 */
@Document("oauth_identities")
record OAuthIdentity(@Id String id, String tenantId, String provider, String subject, String userId,
                     Instant createdAt) {
}
