package io.parley.agent;

import io.grpc.Server;
import io.grpc.stub.StreamObserver;
import io.parley.common.test.FakeAccess;
import io.parley.common.test.RelayedCaller;
import io.parley.proto.auth.v1.CheckPermissionRequest;
import io.parley.proto.auth.v1.CheckPermissionResponse;
import io.parley.proto.auth.v1.RolesGrpc;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * auth-service's {@code Access} and {@code Roles} as agent-service uses them, over real gRPC on
 * loopback: the ACL is {@link FakeAccess} (held to the real service by {@code AccessContract}), with
 * sharing gated by these roles; roles have LibreChat's defaults and can be changed per tenant.
 */
public final class FakeAuthServices {

    private static final String TYPE = "agent";

    public record Principal(String type, String id) {
    }

    public record Entry(int bits, String role) {
    }

    /** tenant/role → TYPE.PERMISSION → allowed; absent: LibreChat's default. */
    private final Map<String, Map<String, Boolean>> permissions = new ConcurrentHashMap<>();
    private final FakeAccess access = new FakeAccess(this::allows);
    private final Server server;

    public FakeAuthServices() {
        server = RelayedCaller.serve(access, new FakeRoles());
    }

    public int port() {
        return server.getPort();
    }

    /** Makes a user a member of a group. */
    public void join(String tenant, String userId, String groupId) {
        access.join(tenant, userId, groupId);
    }

    /** Sets a role permission in a tenant, as {@code PUT /api/roles/:role/...} would. */
    public void permit(String tenant, String role, String permission, boolean allowed) {
        permissions.computeIfAbsent(tenant + "/" + role, k -> new ConcurrentHashMap<>()).put(permission, allowed);
    }

    /** Writes an entry directly, as a share through {@code /api/permissions} would. */
    public void grant(String tenant, String resourceId, String principalType, String principalId, String accessRoleId) {
        access.grant(tenant, TYPE, resourceId, principalType, principalId, accessRoleId);
    }

    /** Every entry of an agent, as auth-service's store would show it. */
    public Map<Principal, Entry> entries(String tenant, String resourceId) {
        Map<Principal, Entry> entries = new LinkedHashMap<>();
        access.entries(tenant, TYPE, resourceId).forEach((p, e) ->
                entries.put(new Principal(p.type(), p.id()), new Entry(e.bits(), e.accessRoleId())));
        return entries;
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

    private final class FakeRoles extends RolesGrpc.RolesImplBase {
        @Override
        public void checkPermission(CheckPermissionRequest request, StreamObserver<CheckPermissionResponse> observer) {
            observer.onNext(CheckPermissionResponse.newBuilder().setAllowed(allows(RelayedCaller.current(),
                    request.getPermissionType() + "." + request.getPermission())).build());
            observer.onCompleted();
        }
    }
}
