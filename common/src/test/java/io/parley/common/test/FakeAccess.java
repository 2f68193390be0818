package io.parley.common.test;

import io.grpc.stub.StreamObserver;
import io.parley.common.error.ApiException;
import io.parley.common.error.ApiException.FieldProblem;
import io.parley.common.grpc.GrpcErrors;
import io.parley.proto.auth.v1.AccessGrpc;
import io.parley.proto.auth.v1.AclGrant;
import io.parley.proto.auth.v1.AclPrincipal;
import io.parley.proto.auth.v1.CheckAccessRequest;
import io.parley.proto.auth.v1.CheckAccessResponse;
import io.parley.proto.auth.v1.GrantOwnerRequest;
import io.parley.proto.auth.v1.GrantOwnerResponse;
import io.parley.proto.auth.v1.ListAccessibleRequest;
import io.parley.proto.auth.v1.ListAccessibleResponse;
import io.parley.proto.auth.v1.ListEntriesRequest;
import io.parley.proto.auth.v1.ListEntriesResponse;
import io.parley.proto.auth.v1.RevokeAllRequest;
import io.parley.proto.auth.v1.RevokeAllResponse;
import io.parley.proto.auth.v1.ShareRequest;
import io.parley.proto.auth.v1.ShareResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.bson.types.ObjectId;

/**
 * auth-service's {@code Access} for other services' tests, in memory: entries per (tenant, resource
 * type, resource id, principal); a user's bits are the OR over their own entry, their groups', their
 * role's and the public's; an ADMIN has every bit. Serve it through {@link RelayedCaller}, which names
 * the caller. {@link AccessContract} holds it to what the real service answers.
 *
 * <p>What it cannot know: the tenant's users, groups and roles, so a share to a principal that does
 * not exist is accepted here where auth-service refuses it.
 */
public final class FakeAccess extends AccessGrpc.AccessImplBase {

    /** A principal of an entry: type {@code user}, {@code group}, {@code role} or {@code public} (id null). */
    public record Principal(String type, String id) {

        static final Principal PUBLIC = new Principal("public", null);
    }

    /** The role a principal holds on a resource, and its bits. */
    public record Entry(int bits, String accessRoleId) {
    }

    private record Resource(String tenant, String type, String id) {
    }

    private static final int ALL = 15;
    private static final int VIEW = 1;
    private static final int DELETE = 4;
    private static final int SHARE = 8;
    private static final int MAX_PAGE = 1000;
    private static final int MAX_CHANGES = 100;
    private static final String FAILED = "Failed to update permissions";
    private static final Pattern RESOURCE_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");
    /** auth-service's resource types and the words its messages use for them. */
    private static final Map<String, String> LABELS = Map.of("agent", "agent", "promptGroup", "prompt group",
            "mcpServer", "MCP server", "sharedLink", "shared link");
    /** The permission type whose SHARE and SHARE_PUBLIC gate sharing a resource type. */
    private static final Map<String, String> PERMISSION_TYPES = Map.of("agent", "AGENTS", "promptGroup", "PROMPTS",
            "mcpServer", "MCP_SERVERS", "sharedLink", "SHARED_LINKS");

    private final Map<Resource, Map<Principal, Entry>> acl = new HashMap<>();
    private final Map<String, Set<String>> groups = new HashMap<>();
    private final BiPredicate<RelayedCaller.Caller, String> rolePermissions;

    /** With LibreChat's defaults for sharing: only an ADMIN's role may share, with people or publicly. */
    public FakeAccess() {
        this((caller, permission) -> "ADMIN".equals(caller.role()));
    }

    /**
     * @param rolePermissions whether the caller's role holds a permission such as {@code AGENTS.SHARE}
     *                        (auth-service's {@code Roles}); asked by {@code Share} only
     */
    public FakeAccess(BiPredicate<RelayedCaller.Caller, String> rolePermissions) {
        this.rolePermissions = rolePermissions;
    }

    /** The bits of an access role, e.g. 3 for {@code agent_editor}; null for a role the type does not have. */
    public static Integer bitsOf(String resourceType, String accessRoleId) {
        String prefix = resourceType + "_";
        if (accessRoleId == null || !accessRoleId.startsWith(prefix)) {
            return null;
        }
        return switch (accessRoleId.substring(prefix.length())) {
            case "viewer" -> VIEW;
            case "editor" -> "sharedLink".equals(resourceType) ? null : 3;
            case "owner" -> ALL;
            default -> null;
        };
    }

    /** The access role of a type that has exactly {@code bits}, e.g. {@code agent_editor} for 3. */
    public static String roleWithBits(String resourceType, int bits) {
        for (String level : List.of("viewer", "editor", "owner")) {
            Integer roleBits = bitsOf(resourceType, resourceType + "_" + level);
            if (roleBits != null && roleBits == bits) {
                return resourceType + "_" + level;
            }
        }
        throw new IllegalArgumentException("No role of " + resourceType + " has bits " + bits);
    }

    /** Writes an entry directly, as a share through {@code /api/permissions} would. */
    public synchronized void grant(String tenant, String resourceType, String resourceId, String principalType,
                                   String principalId, String accessRoleId) {
        Integer bits = bitsOf(resourceType, accessRoleId);
        if (bits == null) {
            throw new IllegalArgumentException("No access role " + accessRoleId + " on " + resourceType);
        }
        Principal principal = "public".equals(principalType) ? Principal.PUBLIC : new Principal(principalType, principalId);
        acl.computeIfAbsent(new Resource(tenant, resourceType, resourceId), k -> new LinkedHashMap<>())
                .put(principal, new Entry(bits, accessRoleId));
    }

    /** Every entry of a resource, as auth-service's store would hold them. */
    public synchronized Map<Principal, Entry> entries(String tenant, String resourceType, String resourceId) {
        return Map.copyOf(acl.getOrDefault(new Resource(tenant, resourceType, resourceId), Map.of()));
    }

    /** The tenants in which a resource has entries (ids are unique per tenant only). */
    public synchronized Set<String> tenantsOf(String resourceType, String resourceId) {
        Set<String> tenants = new TreeSet<>();
        acl.forEach((resource, entries) -> {
            if (resource.type().equals(resourceType) && resource.id().equals(resourceId) && !entries.isEmpty()) {
                tenants.add(resource.tenant());
            }
        });
        return tenants;
    }

    /** The ids of the resources of a type on which a user of a tenant holds an entry of their own. */
    public synchronized Set<String> resourcesOf(String tenant, String resourceType, String userId) {
        Set<String> ids = new TreeSet<>();
        acl.forEach((resource, entries) -> {
            if (resource.tenant().equals(tenant) && resource.type().equals(resourceType)
                    && entries.containsKey(new Principal("user", userId))) {
                ids.add(resource.id());
            }
        });
        return ids;
    }

    /** Makes a user a member of a group. */
    public synchronized void join(String tenant, String userId, String groupId) {
        groups.computeIfAbsent(tenant + "/" + userId, k -> new HashSet<>()).add(groupId);
    }

    @Override
    public void check(CheckAccessRequest request, StreamObserver<CheckAccessResponse> observer) {
        answer(observer, () -> {
            RelayedCaller.Caller caller = RelayedCaller.current();
            int required = requireBits(request.getRequiredBits());
            Resource resource = resource(caller, request.getResourceType(), request.getResourceId());
            int bits = bits(caller, resource);
            return CheckAccessResponse.newBuilder().setPermissionBits(bits).setAllowed((bits & required) == required)
                    .setPublicBits(publicBits(resource)).build();
        });
    }

    @Override
    public void grantOwner(GrantOwnerRequest request, StreamObserver<GrantOwnerResponse> observer) {
        answer(observer, () -> {
            RelayedCaller.Caller caller = RelayedCaller.current();
            Resource resource = resource(caller, request.getResourceType(), request.getResourceId());
            if (!entriesOf(resource).isEmpty() && bits(caller, resource) != ALL) {
                throw new ApiException.Conflict("The " + LABELS.get(resource.type()) + " already has an owner");
            }
            grant(resource.tenant(), resource.type(), resource.id(), "user", caller.id(), resource.type() + "_owner");
            return GrantOwnerResponse.getDefaultInstance();
        });
    }

    @Override
    public void revokeAll(RevokeAllRequest request, StreamObserver<RevokeAllResponse> observer) {
        answer(observer, () -> {
            RelayedCaller.Caller caller = RelayedCaller.current();
            Resource resource = resource(caller, request.getResourceType(), request.getResourceId());
            if (entriesOf(resource).isEmpty()) {
                return RevokeAllResponse.getDefaultInstance();
            }
            require(caller, resource, DELETE);
            Map<Principal, Entry> removed = acl.remove(resource);
            return RevokeAllResponse.newBuilder().setRemoved(removed.size()).build();
        });
    }

    @Override
    public void listAccessible(ListAccessibleRequest request, StreamObserver<ListAccessibleResponse> observer) {
        answer(observer, () -> {
            RelayedCaller.Caller caller = RelayedCaller.current();
            int required = requireBits(request.getRequiredBits());
            if (request.getPageSize() < 0 || request.getPageSize() > MAX_PAGE) {
                throw ApiException.Invalid.field("pageSize", "must be between 1 and " + MAX_PAGE);
            }
            String after = request.getPageToken().isEmpty() ? null : decodeToken(request.getPageToken());
            String type = requireType(request.getResourceType());
            if ("ADMIN".equals(caller.role()) && !request.getPublicOnly()) {
                return ListAccessibleResponse.newBuilder().setAll(true).build();
            }
            List<String> ids = acl.keySet().stream()
                    .filter(r -> r.tenant().equals(caller.tenant()) && r.type().equals(type))
                    .filter(r -> after == null || r.id().compareTo(after) > 0)
                    .filter(r -> {
                        int bits = request.getPublicOnly() ? publicBits(r) : bits(caller, r);
                        return (bits & required) == required;
                    })
                    .map(Resource::id).sorted().toList();
            int size = request.getPageSize() == 0 ? 100 : request.getPageSize();
            ListAccessibleResponse.Builder page = ListAccessibleResponse.newBuilder()
                    .addAllResourceIds(ids.subList(0, Math.min(size, ids.size())));
            if (ids.size() > size) {
                page.setNextPageToken(encodeToken(ids.get(size - 1)));
            }
            return page.build();
        });
    }

    @Override
    public void listEntries(ListEntriesRequest request, StreamObserver<ListEntriesResponse> observer) {
        answer(observer, () -> {
            RelayedCaller.Caller caller = RelayedCaller.current();
            Resource resource = known(caller, request.getResourceType(), request.getResourceId());
            require(caller, resource, SHARE);
            return view(resource);
        });
    }

    @Override
    public void share(ShareRequest request, StreamObserver<ShareResponse> observer) {
        answer(observer, () -> {
            RelayedCaller.Caller caller = RelayedCaller.current();
            Resource resource = known(caller, request.getResourceType(), request.getResourceId());
            require(caller, resource, SHARE);
            List<FieldProblem> problems = new ArrayList<>();
            Map<Principal, Entry> granted = grants(resource.type(), request.getUpdatedList(), problems);
            Set<Principal> removed = removals(request.getRemovedList(), problems);
            granted.keySet().stream().filter(removed::contains).findFirst().ifPresent(p -> problems.add(
                    new FieldProblem("removed", "principal " + p.type() + " " + p.id() + " is also in updated")));
            Entry publicEntry = publicEntry(resource.type(), request, problems);
            throwIfAny(problems);

            Map<Principal, Entry> current = entriesOf(resource);
            Entry currentPublic = current.get(Principal.PUBLIC);
            boolean publicChanges = request.hasPublic() && (request.getPublic() != (currentPublic != null)
                    || publicEntry != null && !publicEntry.equals(currentPublic));
            String permissionType = PERMISSION_TYPES.get(resource.type());
            if ((!granted.isEmpty() || !removed.isEmpty()) && !rolePermissions.test(caller, permissionType + ".SHARE")) {
                throw new ApiException.Forbidden("Forbidden", "You do not have permission to share " + resource.type()
                        + " resources");
            }
            if (publicChanges && !rolePermissions.test(caller, permissionType + ".SHARE_PUBLIC")) {
                throw new ApiException.Forbidden("Forbidden", "You do not have permission to share " + resource.type()
                        + " resources publicly");
            }
            Map<Principal, Entry> after = new LinkedHashMap<>(current);
            after.putAll(granted);
            removed.forEach(after::remove);
            if (publicChanges) {
                if (publicEntry == null) {
                    after.remove(Principal.PUBLIC);
                } else {
                    after.put(Principal.PUBLIC, publicEntry);
                }
            }
            if (ownsAny(current) && !ownsAny(after)) {
                throw new ApiException.Invalid(FAILED, "A resource must keep at least one user as its owner",
                        List.of(new FieldProblem("removed", "would leave no owner")));
            }
            acl.put(resource, after);
            return ShareResponse.newBuilder().setEntries(view(resource)).build();
        });
    }

    private static boolean ownsAny(Map<Principal, Entry> entries) {
        return entries.entrySet().stream().anyMatch(e -> e.getKey().type().equals("user") && e.getValue().bits() == ALL);
    }

    private Map<Principal, Entry> grants(String type, List<AclGrant> updated, List<FieldProblem> problems) {
        Map<Principal, Entry> granted = new LinkedHashMap<>();
        if (updated.size() > MAX_CHANGES) {
            problems.add(new FieldProblem("updated", "at most " + MAX_CHANGES + " principals at a time"));
            return granted;
        }
        for (int i = 0; i < updated.size(); i++) {
            String field = "updated[" + i + "]";
            Principal principal = principal(updated.get(i), field, problems);
            if (principal != null) {
                Integer bits = bitsOf(type, updated.get(i).getAccessRoleId());
                if (bits == null) {
                    problems.add(new FieldProblem(field + ".accessRoleId", "is not a role of " + type));
                } else {
                    granted.put(principal, new Entry(bits, updated.get(i).getAccessRoleId()));
                }
            }
        }
        return granted;
    }

    private static Set<Principal> removals(List<AclGrant> removed, List<FieldProblem> problems) {
        Set<Principal> principals = new HashSet<>();
        if (removed.size() > MAX_CHANGES) {
            problems.add(new FieldProblem("removed", "at most " + MAX_CHANGES + " principals at a time"));
            return principals;
        }
        for (int i = 0; i < removed.size(); i++) {
            Principal principal = principal(removed.get(i), "removed[" + i + "]", problems);
            if (principal != null) {
                principals.add(principal);
            }
        }
        return principals;
    }

    /** A user or group by its ObjectId, or a role by name; the public is changed through {@code public}. */
    private static Principal principal(AclGrant grant, String field, List<FieldProblem> problems) {
        boolean wellFormed = switch (grant.getType()) {
            case "user", "group" -> ObjectId.isValid(grant.getId());
            case "role" -> !grant.getId().isBlank() && grant.getId().length() <= 100;
            default -> false;
        };
        if (!wellFormed) {
            problems.add(new FieldProblem(field, "is not a user, group or role"));
            return null;
        }
        return new Principal(grant.getType(), grant.getId());
    }

    /** The public's entry a share asks for: null when it removes it (or leaves it alone). */
    private static Entry publicEntry(String type, ShareRequest request, List<FieldProblem> problems) {
        if (!request.hasPublic() || !request.getPublic()) {
            return null;
        }
        String role = request.getPublicAccessRoleId().isEmpty() ? type + "_viewer" : request.getPublicAccessRoleId();
        Integer bits = bitsOf(type, role);
        if (bits == null || bits == ALL) {
            problems.add(new FieldProblem("publicAccessRoleId", bits == null ? "is not a role of " + type
                    : "the public cannot own a resource"));
            return null;
        }
        return new Entry(bits, role);
    }

    private static void throwIfAny(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw new ApiException.Invalid(FAILED, problems.getFirst().field() + ": " + problems.getFirst().message(),
                    problems);
        }
    }

    private int bits(RelayedCaller.Caller caller, Resource resource) {
        if ("ADMIN".equals(caller.role())) {
            return ALL;
        }
        Map<Principal, Entry> entries = entriesOf(resource);
        int bits = 0;
        for (Principal principal : principalsOf(caller)) {
            Entry entry = entries.get(principal);
            bits |= entry == null ? 0 : entry.bits();
        }
        return bits;
    }

    private int publicBits(Resource resource) {
        Entry entry = entriesOf(resource).get(Principal.PUBLIC);
        return entry == null ? 0 : entry.bits();
    }

    private List<Principal> principalsOf(RelayedCaller.Caller caller) {
        List<Principal> principals = new ArrayList<>();
        principals.add(new Principal("user", caller.id()));
        groups.getOrDefault(caller.tenant() + "/" + caller.id(), Set.of()).forEach(g -> principals.add(new Principal("group", g)));
        if (caller.role() != null) {
            principals.add(new Principal("role", caller.role()));
        }
        principals.add(Principal.PUBLIC);
        return principals;
    }

    private Map<Principal, Entry> entriesOf(Resource resource) {
        return acl.getOrDefault(resource, Map.of());
    }

    private void require(RelayedCaller.Caller caller, Resource resource, int required) {
        if ((bits(caller, resource) & required) != required) {
            throw new ApiException.Forbidden("Forbidden", "Insufficient permissions to access this " + LABELS.get(resource.type()));
        }
    }

    /** As auth-service: a resource exists for sharing once it has entries in the caller's tenant, even for an ADMIN. */
    private Resource known(RelayedCaller.Caller caller, String type, String id) {
        Resource resource = resource(caller, type, id);
        if (entriesOf(resource).isEmpty()) {
            throw new ApiException.NotFound("Resource not found");
        }
        return resource;
    }

    private static Resource resource(RelayedCaller.Caller caller, String type, String id) {
        return new Resource(caller.tenant(), requireType(type), requireId(id));
    }

    private static String requireType(String type) {
        if (!LABELS.containsKey(type)) {
            throw new ApiException.Invalid("Bad Request", "Unsupported resource type: " + type, List.of());
        }
        return type;
    }

    private static String requireId(String id) {
        if (!RESOURCE_ID.matcher(id).matches()) {
            throw ApiException.Invalid.field("resourceId", "must be 1 to 128 letters, digits or _ . : -");
        }
        return id;
    }

    private static int requireBits(int bits) {
        if (bits < 1 || bits > ALL) {
            throw ApiException.Invalid.field("requiredBits", "must be between 1 and 15");
        }
        return bits;
    }

    private static String encodeToken(String lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastId.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeToken(String token) {
        try {
            return requireId(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | ApiException e) {
            throw ApiException.Invalid.field("pageToken", "is not a token this service issued");
        }
    }

    private ListEntriesResponse view(Resource resource) {
        ListEntriesResponse.Builder out = ListEntriesResponse.newBuilder();
        entriesOf(resource).forEach((principal, entry) -> {
            if (principal.equals(Principal.PUBLIC)) {
                out.setPublic(true).setPublicAccessRoleId(entry.accessRoleId());
            } else {
                out.addPrincipals(AclPrincipal.newBuilder().setType(principal.type()).setId(principal.id())
                        .setName(principal.type().equals("role") ? principal.id() : "Name of " + principal.id())
                        .setSource("local").setAccessRoleId(entry.accessRoleId()));
            }
        });
        return out.build();
    }

    /** One call at a time: the answers are those of the state before or after another call, never between. */
    private <T> void answer(StreamObserver<T> observer, Supplier<T> body) {
        T answer;
        try {
            synchronized (this) {
                answer = body.get();
            }
        } catch (ApiException e) {
            observer.onError(GrpcErrors.toStatus(e));
            return;
        }
        observer.onNext(answer);
        observer.onCompleted();
    }
}
