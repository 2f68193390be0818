package io.parley.auth.audit;

import java.time.Instant;
import java.util.Map;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An event stored in {@code audit_outbox} before the action that caused it answers, waiting to be chained.
 * Its id becomes the chained entry's.
 */
@Document("audit_outbox")
record PendingAuditEntry(@Id ObjectId id, String tenantId, String action, String outcome, AuditEvent.Actor actor,
                         AuditEvent.Target target, Map<String, Object> metadata, AuditEntry.@Nullable Context context,
                         Instant createdAt) {
}
