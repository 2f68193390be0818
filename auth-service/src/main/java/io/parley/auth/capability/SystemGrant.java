package io.parley.auth.capability;

import java.time.Instant;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A capability granted to a principal of one tenant: a role (by name), a group or a person (by id). Unique per
 * tenant, principal and capability.
 */
@Document("system_grants")
record SystemGrant(@Id ObjectId id, String tenantId, String principalType, String principalId, String capability,
                   @Nullable String grantedBy, Instant grantedAt) {
}
