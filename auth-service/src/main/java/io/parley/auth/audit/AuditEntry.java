package io.parley.auth.audit;

import java.time.Instant;
import java.util.Map;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One link of a tenant's chain in {@code audit_log}. Its {@code id} is the outbox entry's, so an entry appended
 * twice (an instance stopped between appending and clearing the outbox) is refused by the {@code _id} index.
 * {@code hash} is {@link AuditChain#hash} over every other field.
 */
@Document("audit_log")
record AuditEntry(@Id ObjectId id, String tenantId, String chainKey, long seq, String prevHash, String hash,
                  int schemaVersion, String category, String action, String outcome, String severity,
                  AuditEvent.Actor actor, AuditEvent.Target target, Map<String, Object> metadata,
                  @Nullable Context context, Instant createdAt) {

    static final int SCHEMA_VERSION = 1;

    /** The request an action came in on, as far as it is known. */
    record Context(@Nullable String requestId, @Nullable String ip, @Nullable String userAgent) {
    }
}
