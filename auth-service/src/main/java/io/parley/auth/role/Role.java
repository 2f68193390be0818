package io.parley.auth.role;

import java.time.Instant;
import java.util.Map;
import org.bson.types.ObjectId;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A role of one tenant, shaped like LibreChat's role document: {@code permissions} maps a
 * permission type (e.g. {@code PROMPTS}) to its permissions (e.g. {@code USE}) and whether they are
 * granted. {@code name} is unique within the tenant.
 */
@Document("roles")
record Role(@Id ObjectId id, String tenantId, String name, Map<String, Map<String, Boolean>> permissions,
            Instant createdAt, Instant updatedAt) {
}
