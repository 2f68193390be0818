package io.parley.mcp;

import com.nimbusds.jwt.JWTClaimsSet;
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
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * auth-service's {@code Roles} and {@code Access} over real gRPC on loopback, reading the relayed
 * token: every role has MCP_SERVERS.USE; CREATE is denied to the role {@code VIEWER} (a stand-in for a
 * role an admin restricted). ACL entries per (tenant, resource, user); an ADMIN has every bit.
 * auth-service's own tests cover the real rules.
 */
public final class FakeAuth {

    private static final Context.Key<JWTClaimsSet> CALLER = Context.key("caller");
    private final Server server;
    /** tenant/resource → user → bits. */
    private final Map<String, Map<String, Integer>> acl = new ConcurrentHashMap<>();

    public FakeAuth() {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(ServerInterceptors.intercept(new Roles(), FakeAuth::callerFromToken))
                .addService(ServerInterceptors.intercept(new Access(), FakeAuth::callerFromToken)).build();
        try {
            server.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
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

    private static <Q, A> ServerCall.Listener<Q> callerFromToken(ServerCall<Q, A> call, Metadata headers,
                                                                ServerCallHandler<Q, A> next) {
        String authorization = headers.get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER));
        try {
            JWTClaimsSet claims = SignedJWT.parse(authorization.substring("Bearer ".length())).getJWTClaimsSet();
            return Contexts.interceptCall(Context.current().withValue(CALLER, claims), call, headers, next);
        } catch (Exception e) {
            call.close(Status.UNAUTHENTICATED, new Metadata());
            return new ServerCall.Listener<>() { };
        }
    }

    private static String claim(String name) {
        try {
            return CALLER.get().getStringClaim(name);
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private int bits(String resourceId) {
        if ("ADMIN".equals(claim("role"))) {
            return 15;
        }
        return acl.getOrDefault(claim("tenant") + "/" + resourceId, Map.of()).getOrDefault(CALLER.get().getSubject(), 0);
    }

    private final class Roles extends RolesGrpc.RolesImplBase {
        @Override
        public void checkPermission(CheckPermissionRequest request, StreamObserver<CheckPermissionResponse> observer) {
            boolean allowed = "MCP_SERVERS".equals(request.getPermissionType())
                    && !("CREATE".equals(request.getPermission()) && "VIEWER".equals(claim("role")));
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
            grant(claim("tenant"), request.getResourceId(), CALLER.get().getSubject(), 15);
            observer.onNext(GrantOwnerResponse.getDefaultInstance());
            observer.onCompleted();
        }

        @Override
        public void revokeAll(RevokeAllRequest request, StreamObserver<RevokeAllResponse> observer) {
            acl.remove(claim("tenant") + "/" + request.getResourceId());
            observer.onNext(RevokeAllResponse.getDefaultInstance());
            observer.onCompleted();
        }

        @Override
        public void listAccessible(ListAccessibleRequest request, StreamObserver<ListAccessibleResponse> observer) {
            ListAccessibleResponse.Builder out = ListAccessibleResponse.newBuilder();
            if ("ADMIN".equals(claim("role"))) {
                out.setAll(true);
            } else {
                String prefix = claim("tenant") + "/";
                acl.forEach((key, entries) -> {
                    if (key.startsWith(prefix) && (entries.getOrDefault(CALLER.get().getSubject(), 0)
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
