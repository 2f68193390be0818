package io.parley.auth.terms;

import io.parley.auth.capability.Capability;
import io.parley.auth.capability.Capabilities;
import io.parley.auth.audit.AuditAction;
import io.parley.auth.audit.AuditEvent;
import io.parley.auth.audit.AuditTrail;
import io.parley.auth.user.User;
import io.parley.auth.user.Users;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * LibreChat's terms routes ({@code api/server/routes/user.js}): whether the caller has
 * accepted the terms, and accepting them. The client asks when {@code interface.termsOfService} is
 * configured and shows the dialog until they are accepted.
 */
@RestController
class TermsController {

    private static final Logger log = LoggerFactory.getLogger(TermsController.class);

    private final Users users;
    private final AuditTrail audit;
    private final Capabilities capabilities;

    TermsController(Users users, AuditTrail audit, Capabilities capabilities) {
        this.users = users;
        this.audit = audit;
        this.capabilities = capabilities;
    }

    record TermsStatus(boolean termsAccepted) {
    }

    @GetMapping("/api/user/terms")
    TermsStatus status(CurrentUser caller) {
        return users.byId(caller.tenantId(), caller.id()).map(User::termsAccepted).map(TermsStatus::new)
                .orElseThrow(TermsController::userNotFound);
    }

    @PostMapping("/api/user/terms/accept")
    Map<String, String> accept(CurrentUser caller) {
        if (!users.acceptTerms(caller.tenantId(), caller.id())) {
            throw userNotFound();
        }
        return Map.of("message", "Terms accepted successfully");
    }

    record Reset(long modifiedCount) {
    }

    /**
     * LibreChat's {@code reset-terms}: every user of the caller's tenant is asked to accept the terms
     * again. ADMIN only.
     */
    @PostMapping("/api/admin/terms/reset")
    Reset reset(CurrentUser caller) {
        capabilities.require(caller, Capability.MANAGE_CONFIGS);
        long modified = users.resetTerms(caller.tenantId());
        log.info("Terms acceptance reset tenant_id={} users={} by user_id={}", caller.tenantId(), modified, caller.id());
        audit.record(AuditEvent.success(caller.tenantId(), AuditAction.TERMS_RESET, AuditTrail.actor(caller),
                new AuditEvent.Target("terms", null, null)).with("users", modified));
        return new Reset(modified);
    }

    /** LibreChat's answer when the token's user is gone. */
    private static ApiException userNotFound() {
        return new ApiException.NotFound("User not found");
    }
}
