package io.parley.chat;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.parley.common.test.FakeAccess;
import io.parley.common.test.RelayedCaller;
import io.parley.proto.auth.v1.AuthSettingsGrpc;
import io.parley.proto.auth.v1.BalancesGrpc;
import io.parley.proto.auth.v1.BeginRequest;
import io.parley.proto.auth.v1.BeginResponse;
import io.parley.proto.auth.v1.CheckPermissionRequest;
import io.parley.proto.auth.v1.CheckPermissionResponse;
import io.parley.proto.auth.v1.GetPublicConfigRequest;
import io.parley.proto.auth.v1.GetPublicConfigResponse;
import io.parley.proto.auth.v1.RolesGrpc;
import io.parley.proto.auth.v1.SettleRequest;
import io.parley.proto.auth.v1.SettleResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * auth-service's {@code Balances}, {@code AuthSettings}, {@code Roles} and {@code Access} as chat-service sees them, over real gRPC
 * on loopback: it records what chat-service asked, and can refuse a turn for want of balance.
 * (auth-service's own tests cover the accounting itself.)
 */
public final class FakeAuthServices {


    private static final String TYPE = "promptGroup";

    /**
     * auth-service's ACL, held to the real service by {@code AccessContract}. As LibreChat's defaults have
     * it, only an ADMIN may share prompt groups; shared links follow {@link #deniedPermissions}.
     */
    private final FakeAccess access = new FakeAccess((caller, permission) -> "ADMIN".equals(caller.role())
            || permission.startsWith("SHARED_LINKS.") && !this.deniedPermissions.contains(permission));
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
                .addService(RelayedCaller.intercept(access))
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

    /**
     * Gives a user bits on a prompt group (1 viewer, 3 editor, 15 owner) in the tenant whose member
     * created it, as a share through auth-service's /api/permissions would.
     */
    public void grant(String resourceId, String userId, int bits) {
        String tenant = tenantOf(resourceId).orElseThrow(() -> new IllegalStateException("No one owns " + resourceId));
        access.grant(tenant, TYPE, resourceId, "user", userId, FakeAccess.roleWithBits(TYPE, bits));
    }

    /** The bits of the user's own entry on a prompt group; 0 when it has none. */
    public int bitsOf(String resourceId, String userId) {
        return tenantOf(resourceId).map(tenant -> access.entries(tenant, TYPE, resourceId)
                .get(new FakeAccess.Principal("user", userId))).map(FakeAccess.Entry::bits).orElse(0);
    }

    /** Gives a user, or the public ({@code userId} null), a role on a shared link, as its owner's share would. */
    public void shareLink(String tenant, String linkId, String userId, String accessRoleId) {
        access.grant(tenant, "sharedLink", linkId, userId == null ? "public" : "user", userId, accessRoleId);
    }

    /** Every entry on a shared link in a tenant: who holds which bits. */
    public Map<FakeAccess.Principal, FakeAccess.Entry> linkEntries(String tenant, String linkId) {
        return access.entries(tenant, "sharedLink", linkId);
    }

    /** Prompt group ids are ObjectIds, so one tenant at most holds entries for one. */
    private Optional<String> tenantOf(String resourceId) {
        return access.tenantsOf(TYPE, resourceId).stream().findFirst();
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
