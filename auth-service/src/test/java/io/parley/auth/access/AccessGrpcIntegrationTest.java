package io.parley.auth.access;

import static io.parley.common.test.GrpcCalls.codeOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import io.parley.auth.AuthIntegrationTest;
import io.parley.proto.auth.v1.AccessGrpc;
import io.parley.proto.auth.v1.AclGrant;
import io.parley.proto.auth.v1.AclPrincipal;
import io.parley.proto.auth.v1.ListEntriesRequest;
import io.parley.proto.auth.v1.ListEntriesResponse;
import io.parley.proto.auth.v1.ShareRequest;
import io.parley.proto.auth.v1.CheckAccessRequest;
import io.parley.proto.auth.v1.GrantOwnerRequest;
import io.parley.proto.auth.v1.ListAccessibleRequest;
import io.parley.proto.auth.v1.ListAccessibleResponse;
import io.parley.proto.auth.v1.RevokeAllRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code parley.auth.v1.Access} over a real loopback gRPC connection, as agent-service would call it. */
class AccessGrpcIntegrationTest extends AuthIntegrationTest {

    private ManagedChannel channel;

    @BeforeEach
    void connect() {
        channel = grpcChannel();
    }

    @AfterEach
    void disconnect() {
        channel.shutdownNow();
    }

    private String token(String tenant) {
        return signedIn("X-Parley-Tenant", tenant).json().get("token").asString();
    }

    private AccessGrpc.AccessBlockingStub as(String token) {
        return as(AccessGrpc.newBlockingStub(channel), token);
    }

    private static GrantOwnerRequest owner(String id) {
        return GrantOwnerRequest.newBuilder().setResourceType("agent").setResourceId(id).build();
    }

    private static CheckAccessRequest check(String id, int bits) {
        return CheckAccessRequest.newBuilder().setResourceType("agent").setResourceId(id).setRequiredBits(bits).build();
    }

    private static String newId() {
        return "a" + UUID.randomUUID().toString().replace("-", "").substring(0, 23);
    }

    @Test
    void theCreatorOwnsTheResourceAndNobodyElseReachesIt() {
        String tenant = uniqueTenant();
        token(tenant); // the tenant's first person is its admin
        String creator = token(tenant);
        String other = token(tenant);
        String id = newId();

        as(creator).grantOwner(owner(id));

        assertThat(as(creator).check(check(id, PermissionBits.ALL)).getAllowed()).isTrue();
        assertThat(as(creator).check(check(id, 1)).getPermissionBits()).isEqualTo(15);
        assertThat(as(other).check(check(id, PermissionBits.VIEW)).getAllowed()).isFalse();
        assertThat(as(other).check(check(id, PermissionBits.VIEW)).getPermissionBits()).isZero();
        String elsewhere = uniqueTenant();
        token(elsewhere);
        assertThat(as(token(elsewhere)).check(check(id, PermissionBits.VIEW)).getAllowed()).isFalse();
    }

    @Test
    void anotherUserCannotTakeOverAnOwnedIdButTheOwnerMayGrantAgain() {
        String tenant = uniqueTenant();
        token(tenant);
        String creator = token(tenant);
        String other = token(tenant);
        String id = newId();
        as(creator).grantOwner(owner(id));

        assertThatThrownBy(() -> as(other).grantOwner(owner(id)))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS));
        as(creator).grantOwner(owner(id));
        assertThat(as(other).check(check(id, PermissionBits.VIEW)).getAllowed()).isFalse();
    }

    @Test
    void revokingAllNeedsTheDeleteBitAndThenLeavesNoAccess() {
        String tenant = uniqueTenant();
        token(tenant);
        String creator = token(tenant);
        String other = token(tenant);
        String id = newId();
        as(creator).grantOwner(owner(id));
        RevokeAllRequest revoke = RevokeAllRequest.newBuilder().setResourceType("agent").setResourceId(id).build();

        assertThatThrownBy(() -> as(other).revokeAll(revoke))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
        assertThat(as(creator).revokeAll(revoke).getRemoved()).isEqualTo(1);
        assertThat(as(creator).check(check(id, PermissionBits.VIEW)).getAllowed()).isFalse();
    }

    @Test
    void listingPagesThroughExactlyTheResourcesTheCallerReaches() {
        String tenant = uniqueTenant();
        String admin = token(tenant);
        String creator = token(tenant);
        String other = token(tenant);
        List<String> owned = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = "agent-" + i + "-" + newId();
            as(creator).grantOwner(owner(id));
            owned.add(id);
        }
        as(other).grantOwner(owner(newId()));

        List<String> seen = new ArrayList<>();
        String token = "";
        int pages = 0;
        do {
            ListAccessibleResponse page = as(creator).listAccessible(ListAccessibleRequest.newBuilder()
                    .setResourceType("agent").setRequiredBits(PermissionBits.EDIT).setPageSize(2).setPageToken(token).build());
            assertThat(page.getAll()).isFalse();
            seen.addAll(page.getResourceIdsList());
            token = page.getNextPageToken();
            pages++;
        } while (!token.isEmpty());

        assertThat(seen).containsExactlyElementsOf(owned.stream().sorted().toList());
        assertThat(pages).isEqualTo(3);
        assertThat(as(admin).listAccessible(ListAccessibleRequest.newBuilder().setResourceType("agent")
                .setRequiredBits(1).build()).getAll()).isTrue();
    }

    @Test
    void malformedRequestsAreInvalidArgumentsAndAMissingTokenIsUnauthenticated() {
        String caller = token(uniqueTenant());

        for (CheckAccessRequest bad : List.of(
                CheckAccessRequest.newBuilder().setResourceType("skill").setResourceId("x").setRequiredBits(1).build(),
                CheckAccessRequest.newBuilder().setResourceType("agent").setResourceId("x").setRequiredBits(16).build(),
                CheckAccessRequest.newBuilder().setResourceType("agent").setResourceId("x").setRequiredBits(0).build(),
                CheckAccessRequest.newBuilder().setResourceType("agent").setResourceId("../x").setRequiredBits(1).build())) {
            assertThatThrownBy(() -> as(caller).check(bad)).as(bad.toString())
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        }
        assertThatThrownBy(() -> as(caller).listAccessible(ListAccessibleRequest.newBuilder().setResourceType("agent")
                .setRequiredBits(1).setPageToken("not-a-token!").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        assertThatThrownBy(() -> AccessGrpc.newBlockingStub(channel).withDeadlineAfter(2, TimeUnit.SECONDS)
                .check(check("x", 1)))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    }

    private static String idOf(String token) {
        try {
            return com.nimbusds.jwt.SignedJWT.parse(token).getJWTClaimsSet().getSubject();
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ShareRequest.Builder share(String id) {
        return ShareRequest.newBuilder().setResourceType("agent").setResourceId(id);
    }

    private static AclGrant user(String userId, String role) {
        return AclGrant.newBuilder().setType("user").setId(userId).setAccessRoleId(role).build();
    }

    @Test
    void shareGivesAndTakesRolesAndListEntriesShowsThemToWhoeverMayShare() {
        String tenant = uniqueTenant();
        String admin = token(tenant); // the first person: ADMIN, whose role may share agents
        String friend = token(tenant);
        String id = newId();
        as(admin).grantOwner(owner(id));
        String friendId = idOf(friend);

        ListEntriesResponse after = as(admin).share(share(id).addUpdated(user(friendId, "agent_viewer")).build()).getEntries();

        assertThat(after.getPrincipalsList()).extracting(AclPrincipal::getId, AclPrincipal::getAccessRoleId)
                .contains(org.assertj.core.groups.Tuple.tuple(friendId, "agent_viewer"));
        assertThat(as(friend).check(check(id, PermissionBits.VIEW)).getAllowed()).isTrue();
        assertThat(as(friend).check(check(id, PermissionBits.EDIT)).getAllowed()).isFalse();
        assertThat(codeOf(() -> as(friend).listEntries(ListEntriesRequest.newBuilder().setResourceType("agent")
                .setResourceId(id).build()))).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(as(admin).listEntries(ListEntriesRequest.newBuilder().setResourceType("agent").setResourceId(id).build())
                .getPrincipalsCount()).isEqualTo(2);

        as(admin).share(share(id).addRemoved(AclGrant.newBuilder().setType("user").setId(friendId)).build());
        assertThat(as(friend).check(check(id, PermissionBits.VIEW)).getAllowed()).isFalse();
    }

    @Test
    void shareAppliesThePermissionsRoutesRulesAndWritesNothingWhenOneFails() {
        String tenant = uniqueTenant();
        String admin = token(tenant);
        String member = token(tenant); // role USER: AGENTS.SHARE and SHARE_PUBLIC are off by default
        String friendId = idOf(token(tenant));
        String id = newId();
        as(member).grantOwner(owner(id));

        assertThat(codeOf(() -> as(member).share(share(id).addUpdated(user(friendId, "agent_viewer")).build())))
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(codeOf(() -> as(member).share(share(id).setPublic(true).build()))).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(codeOf(() -> as(admin).share(share(id).addUpdated(user(friendId, "agent_boss")).build())))
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(codeOf(() -> as(admin).share(share(id).setPublic(true).setPublicAccessRoleId("agent_owner").build())))
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(as(admin).listEntries(ListEntriesRequest.newBuilder().setResourceType("agent").setResourceId(id).build())
                .getPrincipalsCount()).as("only the owner, nothing written").isEqualTo(1);
    }

    @Test
    void aPublicShareShowsInPublicBitsAndInThePublicOnlyListEvenForAnAdmin() {
        String tenant = uniqueTenant();
        String admin = token(tenant);
        String creator = token(tenant);
        String open = newId();
        String closed = newId();
        as(admin).grantOwner(owner(open));
        as(creator).grantOwner(owner(closed));

        ListEntriesResponse after = as(admin).share(share(open).setPublic(true).build()).getEntries();

        assertThat(after.getPublic()).isTrue();
        assertThat(after.getPublicAccessRoleId()).isEqualTo("agent_viewer");
        assertThat(as(creator).check(check(open, PermissionBits.VIEW)).getPublicBits()).isEqualTo(PermissionBits.VIEW);
        assertThat(as(creator).check(check(closed, PermissionBits.VIEW)).getPublicBits()).isZero();
        ListAccessibleResponse publicOnly = as(admin).listAccessible(ListAccessibleRequest.newBuilder()
                .setResourceType("agent").setRequiredBits(1).setPublicOnly(true).build());
        assertThat(publicOnly.getAll()).isFalse();
        assertThat(publicOnly.getResourceIdsList()).containsExactly(open);
    }
}
