package io.parley.auth.group;

import java.time.Instant;
import java.util.List;
import org.bson.types.ObjectId;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A named set of users of one tenant. {@code name} is unique within the tenant; {@code memberIds}
 * holds user ids (hex strings) of the same tenant; {@code source} is {@code "local"} (LibreChat
 * also knows groups synced from Entra, which Parley does not have yet).
 */
@Document("groups")
record Group(@Id ObjectId id, String tenantId, String name, String description, List<String> memberIds,
             String source, Instant createdAt, Instant updatedAt) {

    static final String LOCAL = "local";
}
