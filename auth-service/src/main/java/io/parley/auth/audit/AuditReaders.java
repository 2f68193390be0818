package io.parley.auth.audit;

import io.parley.common.security.CurrentUser;

/** Who may read a tenant's audit log (LibreChat's {@code read:audit_log}); answered where capabilities are kept. */
public interface AuditReaders {

    boolean mayRead(CurrentUser caller);
}
