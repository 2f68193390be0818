package io.parley.mcp;

import io.grpc.Server;
import io.grpc.stub.StreamObserver;
import io.parley.common.test.FakeAccess;
import io.parley.common.test.RelayedCaller;
import io.parley.proto.auth.v1.CheckPermissionRequest;
import io.parley.proto.auth.v1.CheckPermissionResponse;
import io.parley.proto.auth.v1.RolesGrpc;
import java.util.Set;

/**
 * auth-service's {@code Roles} and {@code Access} over real gRPC on loopback, reading the relayed
 * token: every role has MCP_SERVERS.USE; CREATE is denied to the role {@code VIEWER} (a stand-in for a
 * role an admin restricted). The ACL is {@link FakeAccess}, held to the real service by
 * {@code AccessContract}.
 */
public final class FakeAuth {

    private static final String TYPE = "mcpServer";

    private final FakeAccess access = new FakeAccess();
    private final Server server;

    public FakeAuth() {
        server = RelayedCaller.serve(new Roles(), access);
    }

    public int port() {
        return server.getPort();
    }

    /**
     * Shares a server with a user (bits 1 viewer, 3 editor, 15 owner), as
     * {@code PUT /api/permissions/mcpServer/:id} would.
     */
    public void grant(String tenant, String resourceId, String userId, int bits) {
        access.grant(tenant, TYPE, resourceId, "user", userId, FakeAccess.roleWithBits(TYPE, bits));
    }

    public boolean hasEntries(String tenant, String resourceId) {
        return !access.entries(tenant, TYPE, resourceId).isEmpty();
    }

    /** The servers of the tenant on which the user holds an entry of their own. */
    public Set<String> resourcesOf(String tenant, String userId) {
        return access.resourcesOf(tenant, TYPE, userId);
    }

    private static final class Roles extends RolesGrpc.RolesImplBase {
        @Override
        public void checkPermission(CheckPermissionRequest request, StreamObserver<CheckPermissionResponse> observer) {
            boolean allowed = "MCP_SERVERS".equals(request.getPermissionType())
                    && !("CREATE".equals(request.getPermission()) && "VIEWER".equals(RelayedCaller.current().role()));
            observer.onNext(CheckPermissionResponse.newBuilder().setAllowed(allowed).build());
            observer.onCompleted();
        }
    }
}
