package io.parley.auth.role;

import io.parley.auth.capability.Capability;
import io.parley.auth.capability.Capabilities;
import io.parley.auth.audit.AuditAction;
import io.parley.auth.audit.AuditEvent;
import io.parley.auth.audit.AuditTrail;
import io.parley.auth.user.User;
import io.parley.auth.user.Users;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Reading, changing and assigning a tenant's roles, and checking a caller's permissions. Who may
 * do what follows LibreChat 0.8.0's {@code routes/roles.js}: anyone reads their own role and the
 * default USER role, an ADMIN reads, changes and assigns any.
 */
@Service
public class Roles {

    private static final Logger log = LoggerFactory.getLogger(Roles.class);

    private final RoleStore roles;
    private final Users users;
    private final InterfacePermissions interfacePermissions;
    private final AuditTrail audit;
    private final Capabilities capabilities;
    private final Clock clock = Clock.systemUTC();

    Roles(RoleStore roles, Users users, InterfacePermissions interfacePermissions, AuditTrail audit,
          Capabilities capabilities) {
        this.audit = audit;
        this.capabilities = capabilities;
        this.roles = roles;
        this.users = users;
        this.interfacePermissions = interfacePermissions;
    }

    /** @throws ApiException.Forbidden when the caller may not read it; NotFound when there is none */
    RoleView read(CurrentUser caller, String name) {
        if (!name.equals(caller.role()) && !User.USER.equals(name) && !capabilities.holds(caller, Capability.READ_ROLES)) {
            throw new ApiException.Forbidden("Unauthorized");
        }
        return find(caller.tenantId(), name).map(Roles::view)
                .orElseThrow(() -> new ApiException.NotFound("Role not found"));
    }

    /** Every role of the caller's tenant, by name; ADMIN only. */
    List<RoleView> list(CurrentUser caller) {
        capabilities.require(caller, Capability.READ_ROLES);
        Permissions.SYSTEM_ROLES.forEach(name -> find(caller.tenantId(), name));
        return roles.all(caller.tenantId()).stream().map(Roles::view).toList();
    }

    /**
     * Sets some permissions of one type; ADMIN only. All or nothing: an unknown permission or a
     * value that is not a boolean changes nothing.
     */
    RoleView update(CurrentUser caller, String name, String type, Map<String, Object> body) {
        capabilities.require(caller, Capability.MANAGE_ROLES);
        if (body == null) {
            throw new ApiException.Invalid("Invalid " + type + " permissions.");
        }
        Map<String, Boolean> values = new LinkedHashMap<>();
        body.forEach((permission, value) -> {
            if (!Permissions.CATALOG.get(type).contains(permission)) {
                throw invalid(type, permission, "not a " + type + " permission");
            }
            if (!(value instanceof Boolean granted)) {
                throw invalid(type, permission, "must be true or false");
            }
            values.put(permission, granted);
        });
        find(caller.tenantId(), name).orElseThrow(() -> new ApiException.NotFound("Role not found"));
        Role updated = roles.setPermissions(caller.tenantId(), name, type, values, clock.instant())
                .orElseThrow(() -> new ApiException.NotFound("Role not found"));
        log.info("Role permissions changed tenant_id={} role={} type={} by user_id={}", caller.tenantId(), name, type,
                caller.id());
        AuditEvent changed = AuditEvent.success(caller.tenantId(), AuditAction.ROLE_PERMISSIONS_UPDATED,
                AuditTrail.actor(caller), new AuditEvent.Target("role", name, name)).with("permissionType", type);
        for (Map.Entry<String, Boolean> value : values.entrySet()) {
            changed = changed.with(value.getKey(), value.getValue());
        }
        audit.record(changed);
        return view(updated);
    }

    /**
     * Gives a user of the caller's tenant an existing role; ADMIN only. Access tokens carry the
     * role, so it takes effect with the user's next token (refresh or login); tokens already issued
     * keep the old role until they expire.
     *
     * @throws ApiException.Invalid for a role the tenant does not have; NotFound for a user it does not have
     */
    User assign(CurrentUser caller, String userId, String role) {
        capabilities.require(caller, Capability.MANAGE_ROLES);
        if (userId == null || userId.isBlank() || role == null || role.isBlank()) {
            throw new ApiException.Invalid("userId and role are required");
        }
        if (find(caller.tenantId(), role).isEmpty()) {
            throw new ApiException.Invalid("Role not found");
        }
        if (!caller.isAdmin() && (User.ADMIN.equals(role) || users.byId(caller.tenantId(), userId)
                .filter(user -> User.ADMIN.equals(user.role())).isPresent())) {
            throw new ApiException.Forbidden("Only an ADMIN may give or take the ADMIN role");
        }
        if (!User.ADMIN.equals(role) && users.byId(caller.tenantId(), userId)
                .filter(user -> User.ADMIN.equals(user.role())).isPresent()
                && users.countWithRole(caller.tenantId(), User.ADMIN) <= 1) {
            throw new ApiException.Conflict("The tenant's last admin cannot be given another role");
        }
        String before = users.byId(caller.tenantId(), userId).map(User::role).orElse(null);
        User updated = users.assignRole(caller.tenantId(), userId, role)
                .orElseThrow(() -> new ApiException.NotFound("User not found"));
        log.info("Role assigned tenant_id={} user_id={} role={} by user_id={}", caller.tenantId(), userId, role,
                caller.id());
        audit.record(AuditEvent.success(caller.tenantId(), AuditAction.USER_ROLE_CHANGED, AuditTrail.actor(caller),
                AuditEvent.Target.user(updated.idString(), updated.handle())).with("before", before).with("after", role));
        return updated;
    }

    /**
     * Whether the caller's role, as stored in the caller's tenant now, grants a permission. A role
     * the tenant does not have grants nothing.
     *
     * @throws ApiException.Invalid for a permission type or permission LibreChat does not have
     */
    public boolean allows(CurrentUser caller, String type, String permission) {
        Permissions.requireKnown(type, permission);
        return find(caller.tenantId(), caller.role())
                .map(role -> view(role).permissions().get(type).get(permission))
                .orElse(false);
    }

    /** Whether the tenant has a role of this name (the system roles always). */
    public boolean exists(String tenantId, String name) {
        return Permissions.isSystemRole(name) || name != null && roles.find(tenantId, name).isPresent();
    }

    /** The names of the tenant's roles starting with {@code prefix} (case-insensitive), system roles included. */
    public List<String> namesStartingWith(String tenantId, String prefix, int limit) {
        String wanted = prefix.toLowerCase(Locale.ROOT);
        return Stream.concat(Permissions.SYSTEM_ROLES.stream(),
                        roles.all(tenantId).stream().map(Role::name))
                .distinct().filter(name -> name.toLowerCase(Locale.ROOT).startsWith(wanted))
                .sorted().limit(limit).toList();
    }

    /** A stored role; a system role is created on first read, with its defaults and librechat.yaml's interface. */
    private Optional<Role> find(String tenantId, String name) {
        if (Permissions.isSystemRole(name)) {
            return Optional.of(roles.findOrCreate(tenantId, name, interfacePermissions.initial(name), clock.instant()));
        }
        return name == null ? Optional.empty() : roles.find(tenantId, name);
    }

    private static ApiException.Invalid invalid(String type, String permission, String problem) {
        return new ApiException.Invalid("invalid_request", "Invalid " + type + " permissions.",
                List.of(new ApiException.FieldProblem(permission, problem)));
    }


    /** Stored permissions over the role's defaults, so a permission added to the catalog later has a value. */
    private static RoleView view(Role role) {
        return new RoleView(role.name(), Permissions.merged(Permissions.defaults(role.name()), role.permissions()));
    }
}
