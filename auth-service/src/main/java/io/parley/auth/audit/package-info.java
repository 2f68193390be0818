/**
 * The tenant's tamper-evident audit log (LibreChat's {@code /api/admin/audit-log}): who did what, when and from
 * where. Features record events through {@link io.parley.auth.audit.AuditTrail}; each is stored durably in an
 * outbox before the action answers and then appended to the tenant's hash chain ({@code seq}, {@code prevHash},
 * {@code hash}), which {@code verify} walks to find an edited, deleted or reordered entry. Calls nothing else of
 * auth-service.
 */
@NullMarked
package io.parley.auth.audit;

import org.jspecify.annotations.NullMarked;
