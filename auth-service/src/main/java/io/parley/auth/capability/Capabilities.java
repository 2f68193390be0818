package io.parley.auth.capability;

import io.parley.auth.audit.AuditReaders;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * What a caller may do on the admin routes. A tenant's ADMIN role (and the operator token, which carries it) holds
 * every capability, as LibreChat seeds it; anyone else holds what was granted to their role, their groups and
 * themselves, with what that implies.
 */
@Service
public class Capabilities implements AuditReaders {

    /** LibreChat's answer on its admin routes. */
    static final String FORBIDDEN = "Unauthorized";

    private final GrantStore grants;
    private final ObjectProvider<GroupMemberships> groups;

    Capabilities(GrantStore grants, ObjectProvider<GroupMemberships> groups) {
        this.grants = grants;
        this.groups = groups;
    }

    /** @throws ApiException.Forbidden without the capability */
    public void require(CurrentUser caller, String capability) {
        if (!holds(caller, capability)) {
            throw new ApiException.Forbidden(FORBIDDEN);
        }
    }

    public boolean holds(CurrentUser caller, String capability) {
        return caller.isAdmin() || effective(caller).contains(capability);
    }

    @Override
    public boolean mayRead(CurrentUser caller) {
        return holds(caller, Capability.READ_AUDIT_LOG);
    }

    /** Every capability the caller holds. */
    Set<String> effective(CurrentUser caller) {
        if (caller.isAdmin()) {
            return Set.copyOf(Capability.BASE);
        }
        Set<String> held = new HashSet<>();
        grants.of(caller.tenantId(), Principal.ROLE, caller.role()).forEach(g -> held.add(g.capability()));
        grants.of(caller.tenantId(), Principal.USER, caller.id()).forEach(g -> held.add(g.capability()));
        GroupMemberships memberships = groups.getIfAvailable();
        if (memberships != null) {
            grants.ofAny(caller.tenantId(), Principal.GROUP, memberships.groupIdsOf(caller.tenantId(), caller.id()))
                    .forEach(g -> held.add(g.capability()));
        }
        return Capability.expand(held.stream().collect(Collectors.toSet()));
    }

    /** LibreChat's principal types a capability can be granted to. */
    static final class Principal {
        static final String ROLE = "role";
        static final String GROUP = "group";
        static final String USER = "user";

        static boolean isValid(String type) {
            return ROLE.equals(type) || GROUP.equals(type) || USER.equals(type);
        }

        private Principal() {
        }
    }
}
