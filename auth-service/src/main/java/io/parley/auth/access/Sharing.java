package io.parley.auth.access;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.parley.auth.access.PermissionsUpdate.PrincipalRef;
import io.parley.auth.access.SharingView.PrincipalView;
import io.parley.auth.group.GroupView;
import io.parley.auth.group.Groups;
import io.parley.auth.role.Roles;
import io.parley.auth.user.User;
import io.parley.auth.user.Users;
import io.parley.common.error.ApiException.FieldProblem;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Reading and editing who may use a resource. Both need the SHARE bit on it; giving users, groups or
 * roles access also needs the role permission {@code <TYPE>.SHARE}, changing the public's access
 * {@code <TYPE>.SHARE_PUBLIC}. A resource keeps at least one user who owns it.
 */
@Service
class Sharing {

    static final int MAX_CHANGES = 100;
    private static final String FAILED = "Failed to update permissions";
    private static final Logger log = LoggerFactory.getLogger(Sharing.class);

    private final Access access;
    private final AclStore acl;
    private final Users users;
    private final Groups groups;
    private final Roles roles;

    Sharing(Access access, AclStore acl, Users users, Groups groups, Roles roles) {
        this.access = access;
        this.acl = acl;
        this.users = users;
        this.groups = groups;
        this.roles = roles;
    }

    SharingView read(CurrentUser caller, ResourceType type, String resourceId) {
        access.requireKnown(caller, type, resourceId);
        access.require(caller, type, resourceId, PermissionBits.SHARE);
        return view(caller.tenantId(), type, resourceId, acl.entries(caller.tenantId(), type, resourceId));
    }

    /** @return the principals given a role, and the public's access after the change */
    UpdateResult update(CurrentUser caller, ResourceType type, String resourceId, PermissionsUpdate body) {
        Applied applied = apply(caller, type, resourceId, body);
        SharingView after = applied.after();
        List<PrincipalView> grantedViews = after.principals().stream()
                .filter(v -> applied.granted().contains(new Principal(Principal.Type.parse(v.type(), "type"), v.id())))
                .toList();
        return new UpdateResult("Permissions updated successfully",
                new UpdateResult.Results(grantedViews, after.isPublic(), after.publicAccessRoleId()));
    }

    /** The same change as {@link #update}, answering every entry of the resource afterwards (gRPC {@code Share}). */
    SharingView share(CurrentUser caller, ResourceType type, String resourceId, PermissionsUpdate body) {
        return apply(caller, type, resourceId, body).after();
    }

    private record Applied(SharingView after, Set<Principal> granted) {
    }

    private Applied apply(CurrentUser caller, ResourceType type, String resourceId, PermissionsUpdate body) {
        access.requireKnown(caller, type, resourceId);
        access.require(caller, type, resourceId, PermissionBits.SHARE);
        if (body == null) {
            throw new ApiException.Invalid(FAILED, "Send updated, removed or public", List.of());
        }
        List<FieldProblem> problems = new ArrayList<>();
        Map<Principal, AccessRole> granted = grants(type, body.updated(), problems);
        Set<Principal> removed = removals(body.removed(), problems);
        granted.keySet().stream().filter(removed::contains).findFirst().ifPresent(p -> problems.add(
                new FieldProblem("removed", "principal " + p.type().wireName() + " " + p.id() + " is also in updated")));
        Optional<AccessRole> publicRole = publicRole(type, body, problems);
        throwIfAny(problems);
        requireExisting(caller.tenantId(), granted.keySet());

        String tenantId = caller.tenantId();
        List<AclEntry> current = acl.entries(tenantId, type, resourceId);
        Optional<AclEntry> currentPublic = current.stream()
                .filter(e -> Principal.Type.PUBLIC.wireName().equals(e.principalType())).findFirst();
        boolean publicChanges = body.isPublic() != null && (body.isPublic() != currentPublic.isPresent()
                || publicRole.isPresent() && !publicRole.get().accessRoleId().equals(currentPublic.get().accessRoleId()));
        if ((!granted.isEmpty() || !removed.isEmpty()) && !roles.allows(caller, type.permissionType(), "SHARE")) {
            throw new ApiException.Forbidden("Forbidden", "You do not have permission to share " + type.wireName() + " resources");
        }
        if (publicChanges && !roles.allows(caller, type.permissionType(), "SHARE_PUBLIC")) {
            throw new ApiException.Forbidden("Forbidden",
                    "You do not have permission to share " + type.wireName() + " resources publicly");
        }
        requireAnOwnerLeft(current, granted, removed);

        Instant now = access.now();
        granted.forEach((principal, role) -> acl.put(tenantId, type, resourceId, principal, role, caller.id(), now));
        removed.forEach(principal -> acl.remove(tenantId, type, resourceId, principal));
        if (publicChanges) {
            if (publicRole.isPresent()) {
                acl.put(tenantId, type, resourceId, Principal.PUBLIC, publicRole.get(), caller.id(), now);
            } else {
                acl.remove(tenantId, type, resourceId, Principal.PUBLIC);
            }
        }
        log.info("ACL updated tenant_id={} resource_type={} resource_id={} granted={} removed={} public_changed={} by user_id={}",
                tenantId, type.wireName(), resourceId, granted.size(), removed.size(), publicChanges, caller.id());
        return new Applied(view(tenantId, type, resourceId, acl.entries(tenantId, type, resourceId)), granted.keySet());
    }

    private Map<Principal, AccessRole> grants(ResourceType type, List<PrincipalRef> updated, List<FieldProblem> problems) {
        Map<Principal, AccessRole> granted = new LinkedHashMap<>();
        if (updated == null) {
            return granted;
        }
        if (updated.size() > MAX_CHANGES) {
            problems.add(new FieldProblem("updated", "at most " + MAX_CHANGES + " principals at a time"));
            return granted;
        }
        for (int i = 0; i < updated.size(); i++) {
            String field = "updated[" + i + "]";
            Optional<Principal> principal = principal(updated.get(i), field, problems);
            Optional<AccessRole> role = principal.isEmpty() ? Optional.empty()
                    : roleOf(type, updated.get(i).accessRoleId(), field + ".accessRoleId", problems);
            if (principal.isPresent() && role.isPresent()) {
                granted.put(principal.get(), role.get());
            }
        }
        return granted;
    }

    private static Set<Principal> removals(List<PrincipalRef> removed, List<FieldProblem> problems) {
        Set<Principal> principals = new HashSet<>();
        if (removed == null) {
            return principals;
        }
        if (removed.size() > MAX_CHANGES) {
            problems.add(new FieldProblem("removed", "at most " + MAX_CHANGES + " principals at a time"));
            return principals;
        }
        for (int i = 0; i < removed.size(); i++) {
            principal(removed.get(i), "removed[" + i + "]", problems).ifPresent(principals::add);
        }
        return principals;
    }

    /** A user, group or role named by type and id; the public is set through {@code public}. */
    private static Optional<Principal> principal(PrincipalRef ref, String field, List<FieldProblem> problems) {
        if (ref == null) {
            problems.add(new FieldProblem(field, "must be an object with type and id"));
            return Optional.empty();
        }
        Principal.Type type;
        try {
            type = Principal.Type.parse(ref.type(), field + ".type");
        } catch (ApiException.Invalid e) {
            problems.add(new FieldProblem(field + ".type", "must be one of user, group, role"));
            return Optional.empty();
        }
        if (type == Principal.Type.PUBLIC) {
            problems.add(new FieldProblem(field + ".type", "the public is changed through \"public\""));
            return Optional.empty();
        }
        String id = ref.id();
        boolean wellFormed = id != null && switch (type) {
            case USER, GROUP -> ObjectId.isValid(id);
            default -> !id.isBlank() && id.length() <= 100;
        };
        if (!wellFormed) {
            problems.add(new FieldProblem(field + ".id", "is not a " + type.wireName() + " id"));
            return Optional.empty();
        }
        return Optional.of(new Principal(type, id));
    }

    private static Optional<AccessRole> roleOf(ResourceType type, String accessRoleId, String field,
                                               List<FieldProblem> problems) {
        Optional<AccessRole> role = type.roles().stream().filter(r -> r.accessRoleId().equals(accessRoleId)).findFirst();
        if (role.isEmpty()) {
            problems.add(new FieldProblem(field, "must be one of " + type.roles().stream()
                    .map(AccessRole::accessRoleId).collect(Collectors.joining(", "))));
        }
        return role;
    }

    private static Optional<AccessRole> publicRole(ResourceType type, PermissionsUpdate body, List<FieldProblem> problems) {
        if (!Boolean.TRUE.equals(body.isPublic())) {
            return Optional.empty();
        }
        if (body.publicAccessRoleId() == null) {
            return Optional.of(type.roles().getFirst());
        }
        Optional<AccessRole> role = roleOf(type, body.publicAccessRoleId(), "publicAccessRoleId", problems);
        if (role.filter(r -> r.equals(type.owner())).isPresent()) {
            problems.add(new FieldProblem("publicAccessRoleId", "the public cannot own a resource"));
            return Optional.empty();
        }
        return role;
    }

    /** Users, groups and roles must exist in the caller's tenant: a grant to nobody would be a dangling entry. */
    private void requireExisting(String tenantId, Set<Principal> principals) {
        List<String> userIds = idsOf(principals, Principal.Type.USER);
        List<String> groupIds = idsOf(principals, Principal.Type.GROUP);
        Set<String> knownUsers = users.byIds(tenantId, userIds).stream().map(User::idString).collect(Collectors.toSet());
        Set<String> knownGroups = groups.byIds(tenantId, groupIds).stream().map(GroupView::id).collect(Collectors.toSet());
        List<FieldProblem> problems = new ArrayList<>();
        userIds.stream().filter(id -> !knownUsers.contains(id))
                .forEach(id -> problems.add(new FieldProblem("updated", "no user " + id)));
        groupIds.stream().filter(id -> !knownGroups.contains(id))
                .forEach(id -> problems.add(new FieldProblem("updated", "no group " + id)));
        idsOf(principals, Principal.Type.ROLE).stream().filter(name -> !roles.exists(tenantId, name))
                .forEach(name -> problems.add(new FieldProblem("updated", "no role " + ResourceType.safe(name))));
        throwIfAny(problems);
    }

    /** Refuses a change that would leave a resource that has a user owner without one. */
    private static void requireAnOwnerLeft(List<AclEntry> current, Map<Principal, AccessRole> granted,
                                           Set<Principal> removed) {
        Set<Principal> owners = current.stream()
                .filter(e -> Principal.Type.USER.wireName().equals(e.principalType()) && e.permBits() == PermissionBits.ALL)
                .map(AclEntry::principal).collect(Collectors.toCollection(HashSet::new));
        if (owners.isEmpty()) {
            return;
        }
        owners.removeAll(removed);
        granted.forEach((principal, role) -> {
            if (principal.type() == Principal.Type.USER) {
                if (role.permBits() == PermissionBits.ALL) {
                    owners.add(principal);
                } else {
                    owners.remove(principal);
                }
            }
        });
        if (owners.isEmpty()) {
            throw new ApiException.Invalid(FAILED, "A resource must keep at least one user as its owner",
                    List.of(new FieldProblem("removed", "would leave no owner")));
        }
    }

    private SharingView view(String tenantId, ResourceType type, String resourceId, List<AclEntry> entries) {
        List<String> userIds = entries.stream().filter(e -> Principal.Type.USER.wireName().equals(e.principalType()))
                .map(AclEntry::principalId).toList();
        List<String> groupIds = entries.stream().filter(e -> Principal.Type.GROUP.wireName().equals(e.principalType()))
                .map(AclEntry::principalId).toList();
        Map<String, User> usersById = users.byIds(tenantId, userIds).stream()
                .collect(Collectors.toMap(User::idString, Function.identity()));
        Map<String, GroupView> groupsById = groups.byIds(tenantId, groupIds).stream()
                .collect(Collectors.toMap(GroupView::id, Function.identity()));
        List<PrincipalView> principals = new ArrayList<>();
        AclEntry publicEntry = null;
        for (AclEntry entry : entries) {
            String id = entry.principalId();
            switch (entry.principal().type()) {
                case USER -> {
                    User user = usersById.get(id);
                    if (user != null) {
                        principals.add(new PrincipalView("user", id, user.name(), user.email(), user.avatar(), "local",
                                id, entry.accessRoleId()));
                    }
                }
                case GROUP -> {
                    GroupView group = groupsById.get(id);
                    if (group != null) {
                        principals.add(new PrincipalView("group", id, group.name(), null, null, group.source(), id,
                                entry.accessRoleId()));
                    }
                }
                case ROLE -> principals.add(new PrincipalView("role", id, id, null, null, "local", id, entry.accessRoleId()));
                case PUBLIC -> publicEntry = entry;
            }
        }
        return new SharingView(type.wireName(), resourceId, principals, publicEntry != null,
                publicEntry == null ? null : publicEntry.accessRoleId());
    }

    private static List<String> idsOf(Set<Principal> principals, Principal.Type type) {
        return principals.stream().filter(p -> p.type() == type).map(Principal::id).toList();
    }

    private static void throwIfAny(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw new ApiException.Invalid(FAILED, problems.stream().map(p -> p.field() + ": " + p.message())
                    .collect(Collectors.joining("; ")), problems);
        }
    }

    /** LibreChat's answer to a successful PUT. */
    record UpdateResult(String message, Results results) {
        record Results(List<PrincipalView> principals, @JsonProperty("public") boolean isPublic,
                       String publicAccessRoleId) {
        }
    }
}
