package io.parley.mcp;

import io.grpc.Server;
import io.grpc.stub.StreamObserver;
import io.parley.common.test.RelayedCaller;
import io.parley.proto.auth.v1.AccessGrpc;
import io.parley.proto.auth.v1.CheckAccessRequest;
import io.parley.proto.auth.v1.CheckAccessResponse;
import io.parley.proto.auth.v1.CheckPermissionRequest;
import io.parley.proto.auth.v1.CheckPermissionResponse;
import io.parley.proto.auth.v1.GrantOwnerRequest;
import io.parley.proto.auth.v1.GrantOwnerResponse;
import io.parley.proto.auth.v1.ListAccessibleRequest;
import io.parley.proto.auth.v1.ListAccessibleResponse;
import io.parley.proto.auth.v1.RevokeAllRequest;
import io.parley.proto.auth.v1.RevokeAllResponse;
import io.parley.proto.auth.v1.RolesGrpc;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * auth-service's {@code Roles} and {@code Access} over real gRPC on loopback, reading the relayed
 * token: every role has MCP_SERVERS.USE; CREATE is denied to the role {@code VIEWER} (a stand-in for a
 * role an admin restricted). ACL entries per (tenant, resource, user); an ADMIN has every bit.
 * auth-service's own tests cover the real rules.
 */
public final class FakeAuth {

    private final Server server;
    /** tenant/resource → user → bits. */
    private final Map<String, Map<String, Integer>> acl = new ConcurrentHashMap<>();

    public FakeAuth() {
        server = RelayedCaller.serve(new Roles(), new Access());
    }

    public int port() {
        return server.getPort();
    }

    /** Shares a resource with a user, as {@code PUT /api/permissions/mcpServer/:id} would. */
    public void grant(String tenant, String resourceId, String userId, int bits) {
        acl.computeIfAbsent(tenant + "/" + resourceId, k -> new ConcurrentHashMap<>()).put(userId, bits);
    }

    public boolean hasEntries(String tenant, String resourceId) {
        return !acl.getOrDefault(tenant + "/" + resourceId, Map.of()).isEmpty();
    }

    /** The resources of the tenant on which the user holds any entry. */
    public java.util.Set<String> resourcesOf(String tenant, String userId) {
        java.util.Set<String> out = new java.util.HashSet<>();
        acl.forEach((key, entries) -> {
            if (key.startsWith(tenant + "/") && entries.containsKey(userId)) {
                out.add(key.substring(tenant.length() + 1));
            }
        });
        return out;
    }



    private int bits(String resourceId) {
        if ("ADMIN".equals(RelayedCaller.current().role())) {
            return 15;
        }
        return acl.getOrDefault(RelayedCaller.current().tenant() + "/" + resourceId, Map.of()).getOrDefault(RelayedCaller.current().id(), 0);
    }

    private final class Roles extends RolesGrpc.RolesImplBase {
        @Override
        public void checkPermission(CheckPermissionRequest request, StreamObserver<CheckPermissionResponse> observer) {
            boolean allowed = "MCP_SERVERS".equals(request.getPermissionType())
                    && !("CREATE".equals(request.getPermission()) && "VIEWER".equals(RelayedCaller.current().role()));
            observer.onNext(CheckPermissionResponse.newBuilder().setAllowed(allowed).build());
            observer.onCompleted();
        }
    }

    private final class Access extends AccessGrpc.AccessImplBase {
        @Override
        public void check(CheckAccessRequest request, StreamObserver<CheckAccessResponse> observer) {
            int bits = bits(request.getResourceId());
            observer.onNext(CheckAccessResponse.newBuilder().setPermissionBits(bits)
                    .setAllowed((bits & request.getRequiredBits()) == request.getRequiredBits()).build());
            observer.onCompleted();
        }

        @Override
        public void grantOwner(GrantOwnerRequest request, StreamObserver<GrantOwnerResponse> observer) {
            grant(RelayedCaller.current().tenant(), request.getResourceId(), RelayedCaller.current().id(), 15);
            observer.onNext(GrantOwnerResponse.getDefaultInstance());
            observer.onCompleted();
        }

        @Override
        public void revokeAll(RevokeAllRequest request, StreamObserver<RevokeAllResponse> observer) {
            acl.remove(RelayedCaller.current().tenant() + "/" + request.getResourceId());
            observer.onNext(RevokeAllResponse.getDefaultInstance());
            observer.onCompleted();
        }

        @Override
        public void listAccessible(ListAccessibleRequest request, StreamObserver<ListAccessibleResponse> observer) {
            ListAccessibleResponse.Builder out = ListAccessibleResponse.newBuilder();
            if ("ADMIN".equals(RelayedCaller.current().role())) {
                out.setAll(true);
            } else {
                String prefix = RelayedCaller.current().tenant() + "/";
                acl.forEach((key, entries) -> {
                    if (key.startsWith(prefix) && (entries.getOrDefault(RelayedCaller.current().id(), 0)
                            & request.getRequiredBits()) == request.getRequiredBits()) {
                        out.addResourceIds(key.substring(prefix.length()));
                    }
                });
            }
            observer.onNext(out.build());
            observer.onCompleted();
        }
    }
}
