package io.parley.mcp;

import com.nimbusds.jwt.SignedJWT;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.parley.proto.auth.v1.CheckPermissionRequest;
import io.parley.proto.auth.v1.CheckPermissionResponse;
import io.parley.proto.auth.v1.RolesGrpc;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * auth-service's {@code Roles} over real gRPC on loopback, reading the relayed token's role: every
 * role has MCP_SERVERS.USE; CREATE is denied to the role {@code VIEWER} (a stand-in for a role an
 * admin restricted). auth-service's own tests cover the real rules.
 */
public final class FakeRoles {

    private static final Context.Key<String> ROLE = Context.key("role");
    private final Server server;

    public FakeRoles() {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(ServerInterceptors.intercept(new Roles(), FakeRoles::roleFromToken)).build();
        try {
            server.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return server.getPort();
    }

    private static <Q, A> ServerCall.Listener<Q> roleFromToken(ServerCall<Q, A> call, Metadata headers,
                                                              ServerCallHandler<Q, A> next) {
        String authorization = headers.get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER));
        try {
            String role = SignedJWT.parse(authorization.substring("Bearer ".length())).getJWTClaimsSet().getStringClaim("role");
            return Contexts.interceptCall(Context.current().withValue(ROLE, role), call, headers, next);
        } catch (Exception e) {
            call.close(Status.UNAUTHENTICATED, new Metadata());
            return new ServerCall.Listener<>() { };
        }
    }

    private static final class Roles extends RolesGrpc.RolesImplBase {
        @Override
        public void checkPermission(CheckPermissionRequest request, StreamObserver<CheckPermissionResponse> observer) {
            boolean allowed = "MCP_SERVERS".equals(request.getPermissionType())
                    && !("CREATE".equals(request.getPermission()) && "VIEWER".equals(ROLE.get()));
            observer.onNext(CheckPermissionResponse.newBuilder().setAllowed(allowed).build());
            observer.onCompleted();
        }
    }
}
