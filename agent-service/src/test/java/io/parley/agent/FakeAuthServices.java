package io.parley.agent;

import io.grpc.Server;
import io.grpc.stub.StreamObserver;
import io.parley.common.error.ApiException;
import io.parley.common.grpc.GrpcErrors;
import io.parley.common.test.RelayedCaller;
import io.parley.proto.auth.v1.AccessGrpc;
import io.parley.proto.auth.v1.AclGrant;
import io.parley.proto.auth.v1.AclPrincipal;
import io.parley.proto.auth.v1.CheckAccessRequest;
import io.parley.proto.auth.v1.CheckAccessResponse;
import io.parley.proto.auth.v1.CheckPermissionRequest;
import io.parley.proto.auth.v1.CheckPermissionResponse;
import io.parley.proto.auth.v1.GrantOwnerRequest;
import io.parley.proto.auth.v1.GrantOwnerResponse;
import io.parley.proto.auth.v1.ListAccessibleRequest;
import io.parley.proto.auth.v1.ListAccessibleResponse;
import io.parley.proto.auth.v1.ListEntriesRequest;
import io.parley.proto.auth.v1.ListEntriesResponse;
import io.parley.proto.auth.v1.RevokeAllRequest;
import io.parley.proto.auth.v1.RevokeAllResponse;
import io.parley.proto.auth.v1.RolesGrpc;
import io.parley.proto.auth.v1.ShareRequest;
import io.parley.proto.auth.v1.ShareResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * auth-service's {@code Access} and {@code Roles} as agent-service uses them, over real gRPC on
 * loopback, with the semantics that matter: entries per (tenant, resource, principal); a user's bits
 * are the OR over their own entry, their groups', their role's and the public's; an ADMIN has every
 * bit; sharing needs the SHARE bit plus the role permissions AGENTS.SHARE / SHARE_PUBLIC; roles have
 * LibreChat's defaults and can be changed per tenant. (auth-service's own tests cover the real thing.)
 */
public final class FakeAuthServices {

    static final Set<String> ROLES = Set.of("agent_viewer", "agent_editor", "agent_owner");


    public record Principal(String type, String id) {
    }

    /** tenant/resource → principal → {bits, role}. */
    private final Map<String, Map<Principal, Entry>> acl = new ConcurrentHashMap<>();
    /** tenant/user → group ids. */
    private final Map<String, Set<String>> groups = new ConcurrentHashMap<>();
    /** tenant/role → TYPE.PERMISSION → allowed; absent: LibreChat's default. */
    private final Map<String, Map<String, Boolean>> permissions = new ConcurrentHashMap<>();
    private final Server server;

    public record Entry(int bits, String role) {
    }

    public FakeAuthServices() {
        server = RelayedCaller.serve(new FakeAccess(), new FakeRoles());
    }

    public int port() {
        return server.getPort();
    }

    /** Makes a user a member of a group. */
    public void join(String tenant, String userId, String groupId) {
        groups.computeIfAbsent(tenant + "/" + userId, k -> ConcurrentHashMap.newKeySet()).add(groupId);
    }

    /** Sets a role permission in a tenant, as {@code PUT /api/roles/:role/...} would. */
    public void permit(String tenant, String role, String permission, boolean allowed) {
        permissions.computeIfAbsent(tenant + "/" + role, k -> new ConcurrentHashMap<>()).put(permission, allowed);
    }

    /** Writes an entry directly, as a share through {@code /api/permissions} would. */
    public void grant(String tenant, String resourceId, String principalType, String principalId, String accessRoleId) {
        acl.computeIfAbsent(tenant + "/" + resourceId, k -> new ConcurrentHashMap<>())
                .put(new Principal(principalType, principalId), new Entry(bitsOf(accessRoleId), accessRoleId));
    }

    /** Every entry of a resource, as auth-service's store would show it. */
    public Map<Principal, Entry> entries(String tenant, String resourceId) {
        return Map.copyOf(acl.getOrDefault(tenant + "/" + resourceId, Map.of()));
    }

    boolean allows(RelayedCaller.Caller caller, String permission) {
        Map<String, Boolean> set = permissions.getOrDefault(caller.tenant() + "/" + caller.role(), Map.of());
        if (set.containsKey(permission)) {
            return set.get(permission);
        }
        return switch (permission) {
            case "AGENTS.USE", "AGENTS.CREATE" -> true;
            case "AGENTS.SHARE", "AGENTS.SHARE_PUBLIC" -> "ADMIN".equals(caller.role());
            default -> false; // MARKETPLACE.USE is off for every role by default, as in LibreChat
        };
    }

    private int bits(RelayedCaller.Caller caller, String resourceId) {
        if ("ADMIN".equals(caller.role())) {
            return 15;
        }
        int bits = 0;
        for (Principal p : principalsOf(caller)) {
            Entry entry = acl.getOrDefault(caller.tenant() + "/" + resourceId, Map.of()).get(p);
            bits |= entry == null ? 0 : entry.bits();
        }
        return bits;
    }

    private List<Principal> principalsOf(RelayedCaller.Caller caller) {
        List<Principal> principals = new ArrayList<>();
        principals.add(new Principal("user", caller.id()));
        groups.getOrDefault(caller.tenant() + "/" + caller.id(), Set.of()).forEach(g -> principals.add(new Principal("group", g)));
        principals.add(new Principal("role", caller.role()));
        principals.add(new Principal("public", null));
        return principals;
    }

    private static int bitsOf(String accessRoleId) {
        return switch (accessRoleId) {
            case "agent_viewer" -> 1;
            case "agent_editor" -> 3;
            case "agent_owner" -> 15;
            default -> throw new ApiException.Invalid("Failed to update permissions", "unknown access role " + accessRoleId,
                    List.of());
        };
    }


    private static <T> void answer(StreamObserver<T> observer, Supplier<T> body) {
        try {
            observer.onNext(body.get());
            observer.onCompleted();
        } catch (ApiException e) {
            observer.onError(GrpcErrors.toStatus(e));
        }
    }

    private final class FakeRoles extends RolesGrpc.RolesImplBase {
        @Override
        public void checkPermission(CheckPermissionRequest request, StreamObserver<CheckPermissionResponse> observer) {
            answer(observer, () -> CheckPermissionResponse.newBuilder().setAllowed(allows(RelayedCaller.current(),
                    request.getPermissionType() + "." + request.getPermission())).build());
        }
    }

    private final class FakeAccess extends AccessGrpc.AccessImplBase {

        @Override
        public void check(CheckAccessRequest request, StreamObserver<CheckAccessResponse> observer) {
            answer(observer, () -> {
                RelayedCaller.Caller caller = RelayedCaller.current();
                int bits = bits(caller, request.getResourceId());
                Entry pub = acl.getOrDefault(caller.tenant() + "/" + request.getResourceId(), Map.of())
                        .get(new Principal("public", null));
                return CheckAccessResponse.newBuilder().setPermissionBits(bits).setPublicBits(pub == null ? 0 : pub.bits())
                        .setAllowed((bits & request.getRequiredBits()) == request.getRequiredBits()).build();
            });
        }

        @Override
        public void grantOwner(GrantOwnerRequest request, StreamObserver<GrantOwnerResponse> observer) {
            answer(observer, () -> {
                RelayedCaller.Caller caller = RelayedCaller.current();
                String key = caller.tenant() + "/" + request.getResourceId();
                if (!acl.getOrDefault(key, Map.of()).isEmpty() && bits(caller, request.getResourceId()) != 15) {
                    throw new ApiException.Conflict("The agent already has an owner");
                }
                grant(caller.tenant(), request.getResourceId(), "user", caller.id(), "agent_owner");
                return GrantOwnerResponse.getDefaultInstance();
            });
        }

        @Override
        public void revokeAll(RevokeAllRequest request, StreamObserver<RevokeAllResponse> observer) {
            answer(observer, () -> {
                RelayedCaller.Caller caller = RelayedCaller.current();
                String key = caller.tenant() + "/" + request.getResourceId();
                if (acl.getOrDefault(key, Map.of()).isEmpty()) {
                    return RevokeAllResponse.getDefaultInstance();
                }
                if ((bits(caller, request.getResourceId()) & 4) == 0) {
                    throw new ApiException.Forbidden("Forbidden", "Insufficient permissions to access this agent");
                }
                Map<Principal, Entry> removed = acl.remove(key);
                return RevokeAllResponse.newBuilder().setRemoved(removed == null ? 0 : removed.size()).build();
            });
        }

        @Override
        public void listAccessible(ListAccessibleRequest request, StreamObserver<ListAccessibleResponse> observer) {
            answer(observer, () -> {
                RelayedCaller.Caller caller = RelayedCaller.current();
                if ("ADMIN".equals(caller.role()) && !request.getPublicOnly()) {
                    return ListAccessibleResponse.newBuilder().setAll(true).build();
                }
                int required = request.getRequiredBits();
                String prefix = caller.tenant() + "/";
                List<String> ids = acl.keySet().stream().filter(k -> k.startsWith(prefix)).map(k -> k.substring(prefix.length()))
                        .filter(id -> {
                            int bits = request.getPublicOnly() ? publicBits(caller.tenant(), id) : bits(caller, id);
                            return (bits & required) == required;
                        })
                        .sorted().filter(id -> request.getPageToken().isEmpty() || id.compareTo(request.getPageToken()) > 0)
                        .toList();
                int size = request.getPageSize() == 0 ? 100 : request.getPageSize();
                ListAccessibleResponse.Builder page = ListAccessibleResponse.newBuilder()
                        .addAllResourceIds(ids.subList(0, Math.min(size, ids.size())));
                if (ids.size() > size) {
                    page.setNextPageToken(ids.get(size - 1));
                }
                return page.build();
            });
        }

        @Override
        public void listEntries(ListEntriesRequest request, StreamObserver<ListEntriesResponse> observer) {
            answer(observer, () -> {
                RelayedCaller.Caller caller = RelayedCaller.current();
                requireShare(caller, request.getResourceId());
                return view(caller.tenant(), request.getResourceId());
            });
        }

        @Override
        public void share(ShareRequest request, StreamObserver<ShareResponse> observer) {
            answer(observer, () -> {
                RelayedCaller.Caller caller = RelayedCaller.current();
                String id = request.getResourceId();
                requireShare(caller, id);
                for (AclGrant grant : request.getUpdatedList()) {
                    if (!ROLES.contains(grant.getAccessRoleId()) || !Set.of("user", "group", "role").contains(grant.getType())) {
                        throw new ApiException.Invalid("Failed to update permissions", "updated: not a principal with an agent role",
                                List.of());
                    }
                }
                if (request.hasPublic() && request.getPublic() && "agent_owner".equals(request.getPublicAccessRoleId())) {
                    throw new ApiException.Invalid("Failed to update permissions", "the public cannot own a resource", List.of());
                }
                if ((request.getUpdatedCount() > 0 || request.getRemovedCount() > 0) && !allows(caller, "AGENTS.SHARE")) {
                    throw new ApiException.Forbidden("Forbidden", "You do not have permission to share agent resources");
                }
                if (request.hasPublic() && !allows(caller, "AGENTS.SHARE_PUBLIC")) {
                    throw new ApiException.Forbidden("Forbidden", "You do not have permission to share agent resources publicly");
                }
                Map<Principal, Entry> entries = new LinkedHashMap<>(acl.getOrDefault(caller.tenant() + "/" + id, Map.of()));
                request.getUpdatedList().forEach(g -> entries.put(new Principal(g.getType(), g.getId()),
                        new Entry(bitsOf(g.getAccessRoleId()), g.getAccessRoleId())));
                request.getRemovedList().forEach(g -> entries.remove(new Principal(g.getType(), g.getId())));
                if (request.hasPublic()) {
                    Principal pub = new Principal("public", null);
                    if (request.getPublic()) {
                        String role = request.getPublicAccessRoleId().isEmpty() ? "agent_viewer" : request.getPublicAccessRoleId();
                        entries.put(pub, new Entry(bitsOf(role), role));
                    } else {
                        entries.remove(pub);
                    }
                }
                Set<Principal> owners = new HashSet<>();
                entries.forEach((p, e) -> {
                    if (p.type().equals("user") && e.bits() == 15) {
                        owners.add(p);
                    }
                });
                if (owners.isEmpty()) {
                    throw new ApiException.Invalid("Failed to update permissions", "A resource must keep at least one user as its owner",
                            List.of());
                }
                acl.put(caller.tenant() + "/" + id, new ConcurrentHashMap<>(entries));
                return ShareResponse.newBuilder().setEntries(view(caller.tenant(), id)).build();
            });
        }

        private void requireShare(RelayedCaller.Caller caller, String resourceId) {
            if ((bits(caller, resourceId) & 8) == 0) {
                throw new ApiException.Forbidden("Forbidden", "Insufficient permissions to access this agent");
            }
        }

        private int publicBits(String tenant, String resourceId) {
            Entry pub = acl.getOrDefault(tenant + "/" + resourceId, Map.of()).get(new Principal("public", null));
            return pub == null ? 0 : pub.bits();
        }

        private ListEntriesResponse view(String tenant, String resourceId) {
            ListEntriesResponse.Builder out = ListEntriesResponse.newBuilder();
            acl.getOrDefault(tenant + "/" + resourceId, Map.of()).forEach((p, e) -> {
                if (p.type().equals("public")) {
                    out.setPublic(true).setPublicAccessRoleId(e.role());
                } else {
                    out.addPrincipals(AclPrincipal.newBuilder().setType(p.type()).setId(p.id()).setName("Name of " + p.id())
                            .setSource("local").setAccessRoleId(e.role()));
                }
            });
            return out.build();
        }
    }
}
