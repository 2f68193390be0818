package io.parley.auth.audit;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** An entry as LibreChat's admin API answers it ({@code AdminAuditLogEntry}). */
record AuditLogView(String id, int schemaVersion, String category, String action, String outcome, String severity,
                    AuditEvent.Actor actor, AuditEvent.Target target, Map<String, Object> metadata,
                    AuditEntry.@Nullable Context context, String tenantId, Integrity integrity, String timestamp) {

    record Integrity(long seq, String hash, String prevHash) {
    }

    static AuditLogView of(AuditEntry entry) {
        return new AuditLogView(entry.id().toHexString(), entry.schemaVersion(), entry.category(), entry.action(),
                entry.outcome(), entry.severity(), entry.actor(), entry.target(), entry.metadata(), entry.context(),
                entry.tenantId(), new Integrity(entry.seq(), entry.hash(), entry.prevHash()),
                entry.createdAt().toString());
    }
}
