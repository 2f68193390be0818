package io.parley.auth.access;

import io.parley.auth.group.GroupDeleted;
import io.parley.auth.group.Groups;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Resource ACL decisions: a user's bits on a resource are the OR over the entries for the user, the
 * user's groups, the user's role and the public; an ADMIN has every bit. The services owning the
 * resources call this over gRPC; {@code /api/permissions} edits the entries.
 */
@Service
public class Access {

    static final int MAX_PAGE = 1000;
    private static final int DEFAULT_PAGE = 100;
    private static final Pattern RESOURCE_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");
    private static final Logger log = LoggerFactory.getLogger(Access.class);

    private final AclStore acl;
    private final Groups groups;
    private final Clock clock = Clock.systemUTC();

    Access(AclStore acl, Groups groups) {
        this.acl = acl;
        this.groups = groups;
    }

    /** The caller's bits on one resource (0-15). */
    public int bits(CurrentUser caller, ResourceType type, String resourceId) {
        requireResourceId(resourceId);
        return caller.isAdmin() ? PermissionBits.ALL : acl.bits(caller.tenantId(), type, resourceId, principalsOf(caller));
    }

    /** The bits the public holds on one resource (0-15): whether it is shared with everyone. */
    int publicBits(CurrentUser caller, ResourceType type, String resourceId) {
        return acl.bits(caller.tenantId(), type, requireResourceId(resourceId), List.of(Principal.PUBLIC));
    }

    /**
     * A resource exists in a tenant as far as access goes once its owner was granted it (the owning
     * service does so before storing it): an id with no entry in the caller's tenant is another tenant's
     * or no one's, and an ADMIN's bypass must not write entries for it.
     *
     * @throws ApiException.NotFound when the caller's tenant has no entry for the resource
     */
    void requireKnown(CurrentUser caller, ResourceType type, String resourceId) {
        if (acl.entries(caller.tenantId(), type, requireResourceId(resourceId)).isEmpty()) {
            throw new ApiException.NotFound("Resource not found");
        }
    }

    /** @throws ApiException.Forbidden LibreChat-shaped, unless the caller has every required bit */
    int require(CurrentUser caller, ResourceType type, String resourceId, int requiredBits) {
        int bits = bits(caller, type, resourceId);
        if (!PermissionBits.includes(bits, requiredBits)) {
            throw new ApiException.Forbidden("Forbidden", "Insufficient permissions to access this " + type.label());
        }
        return bits;
    }

    /**
     * Makes the caller the owner of a resource they created.
     *
     * @throws ApiException.Conflict when the resource already has entries and the caller does not own it
     */
    void grantOwner(CurrentUser caller, ResourceType type, String resourceId) {
        requireResourceId(resourceId);
        boolean taken = !acl.entries(caller.tenantId(), type, resourceId).isEmpty();
        if (taken && bits(caller, type, resourceId) != PermissionBits.ALL) {
            throw new ApiException.Conflict("The " + type.label() + " already has an owner");
        }
        acl.put(caller.tenantId(), type, resourceId, Principal.user(caller.id()), type.owner(), caller.id(), now());
        log.info("ACL owner granted tenant_id={} resource_type={} resource_id={} user_id={}", caller.tenantId(),
                type.wireName(), resourceId, caller.id());
    }

    /** Removes every entry of a resource the caller is deleting (needs DELETE; nothing to remove needs nothing). */
    long revokeAll(CurrentUser caller, ResourceType type, String resourceId) {
        if (acl.entries(caller.tenantId(), type, requireResourceId(resourceId)).isEmpty()) {
            return 0;
        }
        require(caller, type, resourceId, PermissionBits.DELETE);
        long removed = acl.removeResource(caller.tenantId(), type, resourceId);
        log.info("ACL revoked tenant_id={} resource_type={} resource_id={} entries={} by user_id={}",
                caller.tenantId(), type.wireName(), resourceId, removed, caller.id());
        return removed;
    }

    /**
     * One page of the resources of a type on which the caller has all of {@code requiredBits}; for an
     * ADMIN {@link AccessiblePage#all()} is true instead. With {@code publicOnly} only the public's
     * entries count, for an ADMIN as well: the resources shared with everyone.
     */
    AccessiblePage accessible(CurrentUser caller, ResourceType type, int requiredBits, int pageSize, String pageToken,
                              boolean publicOnly) {
        PermissionBits.requireValid(requiredBits);
        if (pageSize < 0 || pageSize > MAX_PAGE) {
            throw ApiException.Invalid.field("pageSize", "must be between 1 and " + MAX_PAGE);
        }
        String after = pageToken == null || pageToken.isEmpty() ? null : decodeToken(pageToken);
        if (caller.isAdmin() && !publicOnly) {
            return new AccessiblePage(true, List.of(), "");
        }
        int size = pageSize == 0 ? DEFAULT_PAGE : pageSize;
        List<Principal> principals = publicOnly ? List.of(Principal.PUBLIC) : principalsOf(caller);
        List<String> ids = new ArrayList<>(acl.reachable(caller.tenantId(), type, principals, after,
                size + 1, bits -> PermissionBits.includes(bits, requiredBits)).keySet());
        if (ids.size() <= size) {
            return new AccessiblePage(false, ids, "");
        }
        List<String> page = ids.subList(0, size);
        return new AccessiblePage(false, List.copyOf(page), encodeToken(page.getLast()));
    }

    /** Every resource of a type the caller reaches with any bit, with those bits (ADMIN: all bits on each). */
    Map<String, Integer> effectiveAll(CurrentUser caller, ResourceType type) {
        if (caller.isAdmin()) {
            Map<String, Integer> all = new LinkedHashMap<>();
            acl.resourceIds(caller.tenantId(), type, 10_000).forEach(id -> all.put(id, PermissionBits.ALL));
            return all;
        }
        return acl.reachable(caller.tenantId(), type, principalsOf(caller), null, 10_000, bits -> bits > 0);
    }

    /** The user, their groups, their role and the public: whose entries count for the caller. */
    List<Principal> principalsOf(CurrentUser caller) {
        List<Principal> principals = new ArrayList<>();
        principals.add(Principal.user(caller.id()));
        groups.groupIdsOf(caller.tenantId(), caller.id()).forEach(id -> principals.add(Principal.group(id)));
        if (caller.role() != null) {
            principals.add(Principal.role(caller.role()));
        }
        principals.add(Principal.PUBLIC);
        return principals;
    }

    /** A deleted user's grants go with the account. */
    public void forgetUser(String tenantId, String userId) {
        long removed = acl.removePrincipal(tenantId, Principal.user(userId));
        log.info("ACL entries of a deleted user removed tenant_id={} user_id={} entries={}", tenantId, userId, removed);
    }

    @EventListener
    void onGroupDeleted(GroupDeleted event) {
        acl.removePrincipal(event.tenantId(), Principal.group(event.groupId()));
    }

    static String requireResourceId(String resourceId) {
        if (resourceId == null || !RESOURCE_ID.matcher(resourceId).matches()) {
            throw ApiException.Invalid.field("resourceId", "must be 1 to 128 letters, digits or _ . : -");
        }
        return resourceId;
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String encodeToken(String lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastId.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeToken(String token) {
        try {
            return requireResourceId(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | ApiException e) {
            throw ApiException.Invalid.field("pageToken", "is not a token this service issued");
        }
    }

    /** One page of accessible resource ids; {@code nextPageToken} empty on the last page. */
    record AccessiblePage(boolean all, List<String> resourceIds, String nextPageToken) {
    }
}
