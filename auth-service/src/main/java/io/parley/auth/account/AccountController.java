package io.parley.auth.account;

import io.parley.auth.audit.AuditAction;
import io.parley.auth.audit.AuditEvent;
import io.parley.auth.audit.AuditTrail;
import io.parley.auth.twofa.TwoFactor;
import io.parley.common.security.CurrentUser;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * LibreChat's {@code DELETE /api/user/delete} and the seed's {@code DELETE /api/user/account}: the
 * caller deletes their own account. With two-factor authentication on, LibreChat's body must carry a
 * current code ({@code token}) or an unused {@code backupCode}, which the deletion uses up.
 */
@RestController
class AccountController {

    private final AccountDeletion deletion;
    private final TwoFactor twoFactor;
    private final AuditTrail audit;

    AccountController(AccountDeletion deletion, TwoFactor twoFactor, AuditTrail audit) {
        this.deletion = deletion;
        this.twoFactor = twoFactor;
        this.audit = audit;
    }

    /** LibreChat's body; the seed's route may come without one. */
    record Confirmation(String token, String backupCode) {
    }

    @DeleteMapping({"/api/user/delete", "/api/user/account"})
    Map<String, String> delete(CurrentUser caller, @RequestBody(required = false) Confirmation body) {
        Confirmation given = body == null ? new Confirmation(null, null) : body;
        deletion.requireAllowed(caller);
        twoFactor.verifyIfEnabled(caller.tenantId(), caller.id(), given.token(), given.backupCode());
        deletion.deleteOwnAccount(caller);
        AuditEvent.Actor self = AuditTrail.actor(caller);
        audit.record(AuditEvent.success(caller.tenantId(), AuditAction.USER_DELETED, self,
                AuditEvent.Target.user(caller.id(), self.name())).with("by", "self"));
        return Map.of("message", "User deleted");
    }
}
