package io.parley.chat;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.parley.common.test.RelayedCaller;
import io.parley.proto.auth.v1.AccessGrpc;
import io.parley.proto.auth.v1.AuthSettingsGrpc;
import io.parley.proto.auth.v1.BalancesGrpc;
import io.parley.proto.auth.v1.BeginRequest;
import io.parley.proto.auth.v1.BeginResponse;
import io.parley.proto.auth.v1.CheckAccessRequest;
import io.parley.proto.auth.v1.CheckAccessResponse;
import io.parley.proto.auth.v1.CheckPermissionRequest;
import io.parley.proto.auth.v1.CheckPermissionResponse;
import io.parley.proto.auth.v1.GetPublicConfigRequest;
import io.parley.proto.auth.v1.GetPublicConfigResponse;
import io.parley.proto.auth.v1.GrantOwnerRequest;
import io.parley.proto.auth.v1.GrantOwnerResponse;
import io.parley.proto.auth.v1.ListAccessibleRequest;
import io.parley.proto.auth.v1.ListAccessibleResponse;
import io.parley.proto.auth.v1.RevokeAllRequest;
import io.parley.proto.auth.v1.RevokeAllResponse;
import io.parley.proto.auth.v1.RolesGrpc;
import io.parley.proto.auth.v1.SettleRequest;
import io.parley.proto.auth.v1.SettleResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * auth-service's {@code Balances}, {@code AuthSettings}, {@code Roles} and {@code Access} as chat-service sees them, over real gRPC
 * on loopback: it records what chat-service asked, and can refuse a turn for want of balance.
 * (auth-service's own tests cover the accounting itself.)
 */
public final class FakeAuthServices {


    /** resource id → user id → bits. */
    private final Map<String, Map<String, Integer>> acl = new ConcurrentHashMap<>();
    public final List<BeginRequest> begins = new CopyOnWriteArrayList<>();
    public final List<SettleRequest> settles = new CopyOnWriteArrayList<>();
    public volatile boolean refuse;
    /** Role permissions ("AGENTS.USE") every caller's role lacks; LibreChat's USER has the rest. */
    public final java.util.Set<String> deniedPermissions = ConcurrentHashMap.newKeySet();
    private final Server server;

    public FakeAuthServices() {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new BalancesGrpc.BalancesImplBase() {
                    @Override
                    public void begin(BeginRequest request, StreamObserver<BeginResponse> answer) {
                        begins.add(request);
                        answer.onNext(refuse
                                ? BeginResponse.newBuilder().setAllowed(false).setBalanceEnabled(true).setBalance(10)
                                        .setTokenCost(request.getPromptTokens() * 2).build()
                                : BeginResponse.newBuilder().setAllowed(true).setHoldId(UUID.randomUUID().toString()).build());
                        answer.onCompleted();
                    }

                    @Override
                    public void settle(SettleRequest request, StreamObserver<SettleResponse> answer) {
                        settles.add(request);
                        answer.onNext(SettleResponse.getDefaultInstance());
                        answer.onCompleted();
                    }
                })
                .addService(new AuthSettingsGrpc.AuthSettingsImplBase() {
                    @Override
                    public void getPublicConfig(GetPublicConfigRequest request, StreamObserver<GetPublicConfigResponse> answer) {
                        answer.onNext(GetPublicConfigResponse.newBuilder().setRegistrationEnabled(true).setEmailLoginEnabled(true)
                                .setOpenidLabel("Continue with OpenID").setAllowAccountDeletion(true).build());
                        answer.onCompleted();
                    }
                })
                .addService(RelayedCaller.intercept(new FakeAccess()))
                .addService(RelayedCaller.intercept(new RolesGrpc.RolesImplBase() {
                    @Override
                    public void checkPermission(CheckPermissionRequest request, StreamObserver<CheckPermissionResponse> answer) {
                        String permission = request.getPermissionType() + "." + request.getPermission();
                        answer.onNext(CheckPermissionResponse.newBuilder()
                                .setAllowed(!deniedPermissions.contains(permission)).build());
                        answer.onCompleted();
                    }
                }))
                .build();
        try {
            server.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Gives a user bits on a resource, as a share through auth-service's /api/permissions would. */
    public void grant(String resourceId, String userId, int bits) {
        acl.computeIfAbsent(resourceId, id -> new ConcurrentHashMap<>()).put(userId, bits);
    }

    public int bitsOf(String resourceId, String userId) {
        return acl.getOrDefault(resourceId, Map.of()).getOrDefault(userId, 0);
    }


    /** auth-service's Access over one user's entries per resource: enough for chat-service's prompt sharing. */
    private final class FakeAccess extends AccessGrpc.AccessImplBase {

        @Override
        public void check(CheckAccessRequest request, StreamObserver<CheckAccessResponse> answer) {
            int bits = bitsOf(request.getResourceId(), RelayedCaller.current().id());
            answer.onNext(CheckAccessResponse.newBuilder().setPermissionBits(bits)
                    .setAllowed((bits & request.getRequiredBits()) == request.getRequiredBits()).build());
            answer.onCompleted();
        }

        @Override
        public void grantOwner(GrantOwnerRequest request, StreamObserver<GrantOwnerResponse> answer) {
            grant(request.getResourceId(), RelayedCaller.current().id(), 15);
            answer.onNext(GrantOwnerResponse.getDefaultInstance());
            answer.onCompleted();
        }

        @Override
        public void revokeAll(RevokeAllRequest request, StreamObserver<RevokeAllResponse> answer) {
            Map<String, Integer> removed = acl.remove(request.getResourceId());
            answer.onNext(RevokeAllResponse.newBuilder().setRemoved(removed == null ? 0 : removed.size()).build());
            answer.onCompleted();
        }

        @Override
        public void listAccessible(ListAccessibleRequest request, StreamObserver<ListAccessibleResponse> answer) {
            int required = request.getRequiredBits();
            List<String> ids = acl.keySet().stream().sorted()
                    .filter(id -> (bitsOf(id, RelayedCaller.current().id()) & required) == required).toList();
            answer.onNext(ListAccessibleResponse.newBuilder().addAllResourceIds(ids).build());
            answer.onCompleted();
        }
    }

    public int port() {
        return server.getPort();
    }

    public void reset() {
        begins.clear();
        settles.clear();
        refuse = false;
        deniedPermissions.clear();
    }
}
