package io.parley.auth.capability;

import io.parley.auth.audit.AuditAction;
import io.parley.auth.audit.AuditEvent;
import io.parley.auth.audit.AuditTrail;
import io.parley.auth.capability.Capabilities.Principal;
import io.parley.auth.user.Users;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Granting and revoking capabilities: reading them takes {@code read:roles}, changing them {@code manage:roles},
 * and one can grant only what one holds (so a delegated admin cannot raise anyone, themselves included, above
 * themselves). The principal must be one of the caller's tenant: an unknown or other tenant's person or group is
 * 404 and nothing is stored. Every change goes to the audit log as LibreChat's {@code grant.assigned} /
 * {@code grant.removed}.
 */
@Service
class Grants {

    private static final Logger log = LoggerFactory.getLogger(Grants.class);
    private static final Pattern ROLE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final GrantStore store;
    private final Capabilities capabilities;
    private final Users users;
    private final ObjectProvider<GroupMemberships> groups;
    private final AuditTrail audit;
    private final Clock clock = Clock.systemUTC();

    Grants(GrantStore store, Capabilities capabilities, Users users, ObjectProvider<GroupMemberships> groups,
           AuditTrail audit) {
        this.store = store;
        this.capabilities = capabilities;
        this.users = users;
        this.groups = groups;
        this.audit = audit;
    }

    List<GrantView> all(CurrentUser caller) {
        capabilities.require(caller, Capability.READ_ROLES);
        return store.all(caller.tenantId()).stream().map(GrantView::of).toList();
    }

    List<GrantView> of(CurrentUser caller, String principalType, String principalId) {
        capabilities.require(caller, Capability.READ_ROLES);
        requireKnown(caller, principalType, principalId);
        return store.of(caller.tenantId(), principalType, principalId).stream().map(GrantView::of).toList();
    }

    List<String> effective(CurrentUser caller) {
        return capabilities.effective(caller).stream().sorted().toList();
    }

    GrantView assign(CurrentUser caller, @Nullable String principalType, @Nullable String principalId,
                     @Nullable String capability) {
        capabilities.require(caller, Capability.MANAGE_ROLES);
        if (capability == null || !Capability.isValid(capability)) {
            throw ApiException.Invalid.field("capability", "must be one of LibreChat's system capabilities");
        }
        requireKnown(caller, principalType, principalId);
        if (!capabilities.holds(caller, capability)) {
            throw new ApiException.Forbidden("Cannot grant a capability you do not hold");
        }
        Optional<SystemGrant> added = store.insert(new SystemGrant(null, caller.tenantId(), principalType, principalId,
                capability, caller.isOperator() ? null : caller.id(), clock.instant().truncatedTo(ChronoUnit.MILLIS)));
        if (added.isEmpty()) {
            return GrantView.of(store.find(caller.tenantId(), principalType, principalId, capability).orElseThrow());
        }
        SystemGrant grant = added.get();
        log.info("Capability granted tenant_id={} principal={}:{} capability={} by user_id={}", caller.tenantId(),
                principalType, principalId, capability, caller.id());
        audit.record(event(caller, AuditAction.GRANT_ASSIGNED, principalType, principalId, capability));
        return GrantView.of(grant);
    }

    void revoke(CurrentUser caller, String principalType, String principalId, String capability) {
        capabilities.require(caller, Capability.MANAGE_ROLES);
        requireKnown(caller, principalType, principalId);
        if (!capabilities.holds(caller, capability)) {
            throw new ApiException.Forbidden("Cannot revoke a capability you do not hold");
        }
        if (!store.delete(caller.tenantId(), principalType, principalId, capability)) {
            throw new ApiException.NotFound("Grant not found");
        }
        log.info("Capability revoked tenant_id={} principal={}:{} capability={} by user_id={}", caller.tenantId(),
                principalType, principalId, capability, caller.id());
        audit.record(event(caller, AuditAction.GRANT_REMOVED, principalType, principalId, capability));
    }

    private void requireKnown(CurrentUser caller, @Nullable String principalType, @Nullable String principalId) {
        if (principalType == null || !Principal.isValid(principalType)) {
            throw ApiException.Invalid.field("principalType", "must be role, group or user");
        }
        if (principalId == null || principalId.isBlank()) {
            throw ApiException.Invalid.field("principalId", "is required");
        }
        boolean known = switch (principalType) {
            case Principal.ROLE -> ROLE_NAME.matcher(principalId).matches();
            case Principal.USER -> users.byId(caller.tenantId(), principalId).isPresent();
            default -> ObjectId.isValid(principalId) && groups.getObject().exists(caller.tenantId(), principalId);
        };
        if (!known) {
            throw new ApiException.NotFound(Principal.ROLE.equals(principalType) ? "Role not found"
                    : Principal.USER.equals(principalType) ? "User not found" : "Group not found");
        }
    }

    private static AuditEvent event(CurrentUser caller, AuditAction action, String principalType, String principalId,
                                    String capability) {
        return AuditEvent.success(caller.tenantId(), action, AuditTrail.actor(caller),
                        new AuditEvent.Target(principalType, principalId, null))
                .with("capability", capability).with("principalType", principalType).with("principalId", principalId);
    }
}
