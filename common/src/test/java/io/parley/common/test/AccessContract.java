package io.parley.common.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.parley.common.grpc.GrpcErrors;
import io.parley.proto.auth.v1.AccessGrpc;
import io.parley.proto.auth.v1.AclGrant;
import io.parley.proto.auth.v1.AclPrincipal;
import io.parley.proto.auth.v1.CheckAccessRequest;
import io.parley.proto.auth.v1.CheckAccessResponse;
import io.parley.proto.auth.v1.GrantOwnerRequest;
import io.parley.proto.auth.v1.ListAccessibleRequest;
import io.parley.proto.auth.v1.ListAccessibleResponse;
import io.parley.proto.auth.v1.ListEntriesRequest;
import io.parley.proto.auth.v1.ListEntriesResponse;
import io.parley.proto.auth.v1.RevokeAllRequest;
import io.parley.proto.auth.v1.ShareRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/**
 * The rules of auth-service's {@code parley.auth.v1.Access} that the services owning resources build on,
 * as gRPC requests and answers. auth-service's test runs it against the real service; each service's
 * stand-in of auth-service runs it too, so a stand-in cannot drift from what the real one answers.
 *
 * <p>Every case works in tenants of its own and on resources of {@link #resourceType()}; an
 * implementation provides the connection, tenants whose people the service accepts, and the way a
 * person is given a role (a share through {@code /api/permissions}).
 */
public interface AccessContract {

    int VIEW = 1;
    int EDIT = 2;
    int DELETE = 4;
    int SHARE = 8;
    int ALL = 15;

    /** A person the service under test accepts: user id, tenant and access token (without {@code Bearer}). */
    record Person(String id, String tenant, String token) {
    }

    /** A tenant of the service under test. */
    interface Tenant {

        String id();

        /** The tenant's ADMIN (the same person on every call). */
        Person admin();

        /** A new person with LibreChat's default role USER. */
        Person newMember();
    }

    /** Where the Access service answers; the implementation closes it. */
    Channel channel();

    /** A tenant no other case uses. */
    Tenant newTenant();

    /**
     * Gives {@code grantee} an access role on a resource of {@link #resourceType()} that already has an
     * owner, replacing any role they had, as a share through {@code /api/permissions} does.
     */
    void grant(Tenant tenant, String resourceId, Person grantee, String accessRoleId);

    /** The resource type the cases use: the one the service under test guards. */
    default String resourceType() {
        return "agent";
    }

    /**
     * A tenant whose people exist only as access tokens signed with the tests' key: enough for a stand-in,
     * which reads the token and knows no directory.
     */
    static Tenant tokensOnly() {
        String id = "t-" + UUID.randomUUID().toString().substring(0, 8);
        Person admin = person(id, "ADMIN");
        return new Tenant() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public Person admin() {
                return admin;
            }

            @Override
            public Person newMember() {
                return person(id, "USER");
            }
        };
    }

    private static Person person(String tenant, String role) {
        String id = new ObjectId().toHexString();
        return new Person(id, tenant, Tokens.accessToken(id, tenant, role, null));
    }

    // --- owner, grants and the ADMIN

    @Test
    default void theCreatorOfAResourceHoldsEveryBitAndNobodyElseOfTheTenantAny() {
        Tenant tenant = newTenant();
        Person creator = tenant.newMember();
        Person other = tenant.newMember();
        String id = newId();

        as(creator).grantOwner(owner(id));

        CheckAccessResponse created = as(creator).check(check(id, ALL));
        assertThat(created.getAllowed()).isTrue();
        assertThat(created.getPermissionBits()).isEqualTo(ALL);
        assertThat(created.getPublicBits()).isZero();
        CheckAccessResponse stranger = as(other).check(check(id, VIEW));
        assertThat(stranger.getAllowed()).isFalse();
        assertThat(stranger.getPermissionBits()).isZero();
    }

    @Test
    default void anAdminHoldsEveryBitOnAnyResourceOfTheTenantEvenOneWithoutEntries() {
        Tenant tenant = newTenant();
        String id = newId();
        as(tenant.newMember()).grantOwner(owner(id));

        for (String resource : List.of(id, newId())) {
            CheckAccessResponse admin = as(tenant.admin()).check(check(resource, ALL));
            assertThat(admin.getAllowed()).as(resource).isTrue();
            assertThat(admin.getPermissionBits()).as(resource).isEqualTo(ALL);
        }
    }

    @Test
    default void aGrantGivesThePersonExactlyTheBitsOfTheirRole() {
        Tenant tenant = newTenant();
        Person creator = tenant.newMember();
        Person friend = tenant.newMember();
        String id = newId();
        as(creator).grantOwner(owner(id));

        grant(tenant, id, friend, role("viewer"));
        assertThat(as(friend).check(check(id, VIEW)).getAllowed()).isTrue();
        assertThat(as(friend).check(check(id, EDIT)).getAllowed()).isFalse();
        assertThat(as(friend).check(check(id, VIEW)).getPermissionBits()).isEqualTo(VIEW);

        grant(tenant, id, friend, role("editor"));
        assertThat(as(friend).check(check(id, VIEW | EDIT)).getAllowed()).isTrue();
        assertThat(as(friend).check(check(id, DELETE)).getAllowed()).isFalse();
        assertThat(as(friend).check(check(id, VIEW)).getPermissionBits()).isEqualTo(VIEW | EDIT);

        grant(tenant, id, friend, role("owner"));
        assertThat(as(friend).check(check(id, ALL)).getPermissionBits()).isEqualTo(ALL);
        assertThat(as(tenant.newMember()).check(check(id, VIEW)).getPermissionBits()).as("a third person").isZero();
    }

    @Test
    default void nobodyTakesOverAnIdThatHasAnOwnerButTheOwnerAndAnAdminMayClaimIt() {
        Tenant tenant = newTenant();
        Person creator = tenant.newMember();
        Person other = tenant.newMember();
        Person viewer = tenant.newMember();
        String id = newId();
        as(creator).grantOwner(owner(id));
        grant(tenant, id, viewer, role("viewer"));

        for (Person taker : List.of(other, viewer)) {
            Failure refused = failureOf(() -> as(taker).grantOwner(owner(id)));
            assertThat(refused.code()).isEqualTo(Status.Code.ALREADY_EXISTS);
            assertThat(refused.message()).isEqualTo("The " + label() + " already has an owner");
        }
        as(creator).grantOwner(owner(id));
        as(tenant.admin()).grantOwner(owner(id));

        assertThat(as(other).check(check(id, VIEW)).getPermissionBits()).isZero();
        assertThat(as(viewer).check(check(id, VIEW)).getPermissionBits()).isEqualTo(VIEW);
        assertThat(as(creator).check(check(id, ALL)).getAllowed()).isTrue();
    }

    // --- what identifies a resource

    @Test
    default void idsAreKnownPerTenantSoTheSameIdElsewhereIsAnotherResource() {
        Tenant home = newTenant();
        Tenant elsewhere = newTenant();
        Person creator = home.newMember();
        Person stranger = elsewhere.newMember();
        String id = newId();
        as(creator).grantOwner(owner(id));

        CheckAccessResponse seen = as(stranger).check(check(id, VIEW));
        assertThat(seen.getPermissionBits()).isZero();
        assertThat(seen.getPublicBits()).isZero();
        assertThat(failureOf(() -> as(elsewhere.admin()).listEntries(entries(id))).code()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(as(stranger).listAccessible(accessible(VIEW).build()).getResourceIdsList()).isEmpty();

        as(stranger).grantOwner(owner(id));
        assertThat(as(stranger).check(check(id, ALL)).getAllowed()).isTrue();
        assertThat(as(stranger).revokeAll(revoke(id)).getRemoved()).isEqualTo(1);
        assertThat(as(creator).check(check(id, ALL)).getAllowed()).as("the first tenant's owner keeps it").isTrue();
    }

    @Test
    default void entriesOnOneResourceTypeGiveNothingOnAnotherWithTheSameId() {
        Tenant tenant = newTenant();
        Person creator = tenant.newMember();
        Person other = tenant.newMember();
        String id = newId();
        String otherType = "agent".equals(resourceType()) ? "promptGroup" : "agent";
        as(creator).grantOwner(owner(id));

        CheckAccessRequest onOtherType = check(id, VIEW).toBuilder().setResourceType(otherType).build();
        assertThat(as(creator).check(onOtherType).getPermissionBits()).isZero();
        as(other).grantOwner(GrantOwnerRequest.newBuilder().setResourceType(otherType).setResourceId(id).build());
        assertThat(as(other).check(onOtherType).getPermissionBits()).isEqualTo(ALL);
        assertThat(as(other).check(check(id, VIEW)).getPermissionBits()).isZero();
    }

    // --- revoking

    @Test
    default void revokingAllNeedsTheDeleteBitAndLeavesTheIdFreeForAnyone() {
        Tenant tenant = newTenant();
        Person creator = tenant.newMember();
        Person editor = tenant.newMember();
        Person stranger = tenant.newMember();
        String id = newId();
        as(creator).grantOwner(owner(id));
        grant(tenant, id, editor, role("editor"));

        for (Person refused : List.of(stranger, editor)) {
            Failure failure = failureOf(() -> as(refused).revokeAll(revoke(id)));
            assertThat(failure.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(failure.message()).isEqualTo("Insufficient permissions to access this " + label());
        }
        assertThat(as(editor).check(check(id, EDIT)).getAllowed()).as("nothing was removed").isTrue();

        assertThat(as(creator).revokeAll(revoke(id)).getRemoved()).isEqualTo(2);
        assertThat(as(creator).check(check(id, VIEW)).getPermissionBits()).isZero();
        assertThat(as(editor).check(check(id, VIEW)).getPermissionBits()).isZero();
        as(stranger).grantOwner(owner(id));
        assertThat(as(stranger).check(check(id, ALL)).getAllowed()).isTrue();
    }

    @Test
    default void revokingAResourceWithoutEntriesRemovesNothingAndNeedsNoBits() {
        Person stranger = newTenant().newMember();

        assertThat(as(stranger).revokeAll(revoke(newId())).getRemoved()).isZero();
    }

    // --- listing

    @Test
    default void listingPagesThroughExactlyTheResourcesTheCallerReachesInIdOrder() {
        Tenant tenant = newTenant();
        Person creator = tenant.newMember();
        Person friend = tenant.newMember();
        List<String> owned = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = newId();
            as(creator).grantOwner(owner(id));
            owned.add(id);
        }
        as(tenant.newMember()).grantOwner(owner(newId()));
        grant(tenant, owned.get(3), friend, role("viewer"));
        grant(tenant, owned.get(1), friend, role("viewer"));

        List<String> seen = new ArrayList<>();
        String token = "";
        int pages = 0;
        do {
            ListAccessibleResponse page = as(creator).listAccessible(accessible(EDIT).setPageSize(2).setPageToken(token).build());
            assertThat(page.getAll()).isFalse();
            assertThat(page.getResourceIdsCount()).isLessThanOrEqualTo(2);
            seen.addAll(page.getResourceIdsList());
            token = page.getNextPageToken();
            pages++;
        } while (!token.isEmpty());

        assertThat(seen).containsExactlyElementsOf(owned.stream().sorted().toList());
        assertThat(pages).isEqualTo(3);
        ListAccessibleResponse oneDefaultPage = as(creator).listAccessible(accessible(VIEW).build());
        assertThat(oneDefaultPage.getResourceIdsList()).containsExactlyElementsOf(owned.stream().sorted().toList());
        assertThat(oneDefaultPage.getNextPageToken()).isEmpty();
        assertThat(as(friend).listAccessible(accessible(VIEW).build()).getResourceIdsList())
                .containsExactlyElementsOf(List.of(owned.get(1), owned.get(3)).stream().sorted().toList());
        assertThat(as(friend).listAccessible(accessible(EDIT).build()).getResourceIdsList()).isEmpty();
        ListAccessibleResponse admin = as(tenant.admin()).listAccessible(accessible(ALL).build());
        assertThat(admin.getAll()).isTrue();
        assertThat(admin.getResourceIdsList()).isEmpty();
    }

    // --- sharing: ListEntries and Share

    @Test
    default void entriesAreListedToWhoeverHoldsTheShareBitOnly() {
        Tenant tenant = newTenant();
        Person creator = tenant.newMember();
        Person editor = tenant.newMember();
        String id = newId();
        as(creator).grantOwner(owner(id));
        grant(tenant, id, editor, role("editor"));

        ListEntriesResponse listed = as(creator).listEntries(entries(id));

        assertThat(listed.getPrincipalsList()).extracting(AclPrincipal::getType, AclPrincipal::getId, AclPrincipal::getAccessRoleId)
                .containsExactlyInAnyOrder(tuple("user", creator.id(), role("owner")), tuple("user", editor.id(), role("editor")));
        assertThat(listed.getPublic()).isFalse();
        assertThat(listed.getPublicAccessRoleId()).isEmpty();
        assertThat(as(tenant.admin()).listEntries(entries(id)).getPrincipalsCount()).isEqualTo(2);
        Failure refused = failureOf(() -> as(editor).listEntries(entries(id)));
        assertThat(refused.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(refused.message()).isEqualTo("Insufficient permissions to access this " + label());
        assertThat(failureOf(() -> as(editor).share(share(id).setPublic(true).build())).code())
                .isEqualTo(Status.Code.PERMISSION_DENIED);
    }

    @Test
    default void anIdWithoutEntriesInTheTenantIsNotFoundForSharingEvenForAnAdmin() {
        Person admin = newTenant().admin();
        String id = newId();

        for (Runnable call : List.<Runnable>of(() -> as(admin).listEntries(entries(id)),
                () -> as(admin).share(share(id).setPublic(true).build()))) {
            Failure failure = failureOf(call);
            assertThat(failure.code()).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(failure.message()).isEqualTo("Resource not found");
        }
        assertThat(as(admin).listAccessible(accessible(VIEW).setPublicOnly(true).build()).getResourceIdsList())
                .as("nothing was written").isEmpty();
    }

    @Test
    default void aShareGivesAndTakesRolesAndAnswersTheEntriesAfterwards() {
        Tenant tenant = newTenant();
        Person creator = tenant.newMember();
        Person friend = tenant.newMember();
        String id = newId();
        as(creator).grantOwner(owner(id));

        ListEntriesResponse after = as(tenant.admin()).share(share(id).addUpdated(user(friend, role("editor"))).build()).getEntries();

        assertThat(after.getPrincipalsList()).extracting(AclPrincipal::getId, AclPrincipal::getAccessRoleId)
                .containsExactlyInAnyOrder(tuple(creator.id(), role("owner")), tuple(friend.id(), role("editor")));
        assertThat(as(friend).check(check(id, VIEW | EDIT)).getAllowed()).isTrue();

        as(tenant.admin()).share(share(id).addRemoved(AclGrant.newBuilder().setType("user").setId(friend.id())).build());
        assertThat(as(friend).check(check(id, VIEW)).getPermissionBits()).isZero();
    }

    @Test
    default void aRoleEntryReachesEveryoneWithThatRole() {
        Tenant tenant = newTenant();
        Person creator = tenant.newMember();
        String id = newId();
        as(creator).grantOwner(owner(id));

        as(tenant.admin()).share(share(id).addUpdated(AclGrant.newBuilder().setType("role").setId("USER")
                .setAccessRoleId(role("viewer"))).build());

        CheckAccessResponse member = as(tenant.newMember()).check(check(id, VIEW));
        assertThat(member.getAllowed()).isTrue();
        assertThat(member.getPermissionBits()).isEqualTo(VIEW);
        assertThat(member.getPublicBits()).isZero();
        assertThat(as(tenant.admin()).listEntries(entries(id)).getPrincipalsList())
                .extracting(AclPrincipal::getType, AclPrincipal::getId).contains(tuple("role", "USER"));
    }

    @Test
    default void aPublicShareReachesTheWholeTenantAndOnlyItShowsInThePublicOnlyList() {
        Tenant tenant = newTenant();
        Person creator = tenant.newMember();
        Person member = tenant.newMember();
        String open = newId();
        String closed = newId();
        as(creator).grantOwner(owner(open));
        as(creator).grantOwner(owner(closed));

        ListEntriesResponse after = as(tenant.admin()).share(share(open).setPublic(true).build()).getEntries();

        assertThat(after.getPublic()).isTrue();
        assertThat(after.getPublicAccessRoleId()).isEqualTo(role("viewer"));
        CheckAccessResponse seen = as(member).check(check(open, VIEW));
        assertThat(seen.getAllowed()).isTrue();
        assertThat(seen.getPermissionBits()).isEqualTo(VIEW);
        assertThat(seen.getPublicBits()).isEqualTo(VIEW);
        assertThat(as(member).check(check(closed, VIEW)).getPublicBits()).isZero();
        assertThat(as(member).listAccessible(accessible(VIEW).build()).getResourceIdsList()).containsExactly(open);
        ListAccessibleResponse publicOnly = as(tenant.admin()).listAccessible(accessible(VIEW).setPublicOnly(true).build());
        assertThat(publicOnly.getAll()).as("even for an ADMIN").isFalse();
        assertThat(publicOnly.getResourceIdsList()).containsExactly(open);
        assertThat(as(newTenant().newMember()).check(check(open, VIEW)).getPermissionBits()).as("another tenant").isZero();

        as(tenant.admin()).share(share(open).setPublic(true).setPublicAccessRoleId(role("editor")).build());
        assertThat(as(member).check(check(open, EDIT)).getPublicBits()).isEqualTo(VIEW | EDIT);
        as(tenant.admin()).share(share(open).setPublic(false).build());
        assertThat(as(member).check(check(open, VIEW)).getPermissionBits()).isZero();
    }

    @Test
    default void aMemberWhoseRoleMayNotShareCannotShareEvenWhatTheyOwn() {
        Tenant tenant = newTenant();
        Person creator = tenant.newMember(); // LibreChat's USER lacks <TYPE>.SHARE and SHARE_PUBLIC by default
        Person friend = tenant.newMember();
        String id = newId();
        as(creator).grantOwner(owner(id));

        Failure withPeople = failureOf(() -> as(creator).share(share(id).addUpdated(user(friend, role("viewer"))).build()));
        Failure withEveryone = failureOf(() -> as(creator).share(share(id).setPublic(true).build()));

        assertThat(withPeople.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(withPeople.message()).isEqualTo("You do not have permission to share " + resourceType() + " resources");
        assertThat(withEveryone.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(withEveryone.message()).isEqualTo("You do not have permission to share " + resourceType()
                + " resources publicly");
        assertThat(as(friend).check(check(id, VIEW)).getPermissionBits()).isZero();
        assertThat(as(creator).listEntries(entries(id)).getPrincipalsCount()).isEqualTo(1);
    }

    @Test
    default void aShareIsValidatedWholeAndWritesNothingWhenAnyPartIsWrong() {
        Tenant tenant = newTenant();
        Person creator = tenant.newMember();
        Person friend = tenant.newMember();
        String id = newId();
        as(creator).grantOwner(owner(id));
        Person admin = tenant.admin();

        for (ShareRequest bad : List.of(
                share(id).addUpdated(user(friend, role("viewer"))).addUpdated(user(creator, resourceType() + "_boss")).build(),
                share(id).addUpdated(user(friend, role("viewer"))).addUpdated(AclGrant.newBuilder().setType("public")
                        .setId("x").setAccessRoleId(role("viewer"))).build(),
                share(id).addUpdated(AclGrant.newBuilder().setType("user").setId("not-an-id").setAccessRoleId(role("viewer"))).build(),
                share(id).addUpdated(user(friend, role("viewer"))).addRemoved(user(friend, "")).build(),
                share(id).setPublic(true).setPublicAccessRoleId(role("owner")).build(),
                share(id).addUpdated(user(friend, role("owner"))).addRemoved(user(creator, "")).setPublic(true)
                        .setPublicAccessRoleId("nobody").build())) {
            Failure failure = failureOf(() -> as(admin).share(bad));
            assertThat(failure.code()).as(bad.toString()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(failure.message()).as(bad.toString()).isNotBlank();
        }
        ListEntriesResponse unchanged = as(admin).listEntries(entries(id));
        assertThat(unchanged.getPrincipalsList()).extracting(AclPrincipal::getId).containsExactly(creator.id());
        assertThat(unchanged.getPublic()).isFalse();
    }

    @Test
    default void aResourceKeepsAtLeastOneUserAsItsOwner() {
        Tenant tenant = newTenant();
        Person creator = tenant.newMember();
        Person heir = tenant.newMember();
        String id = newId();
        as(creator).grantOwner(owner(id));
        Person admin = tenant.admin();

        Failure orphaned = failureOf(() -> as(admin).share(share(id).addRemoved(user(creator, "")).build()));
        assertThat(orphaned.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(orphaned.message()).isEqualTo("A resource must keep at least one user as its owner");
        Failure demoted = failureOf(() -> as(admin).share(share(id).addUpdated(user(creator, role("viewer"))).build()));
        assertThat(demoted.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(as(creator).check(check(id, ALL)).getAllowed()).isTrue();

        as(admin).share(share(id).addUpdated(user(heir, role("owner"))).addRemoved(user(creator, "")).build());
        assertThat(as(heir).check(check(id, ALL)).getAllowed()).isTrue();
        assertThat(as(creator).check(check(id, VIEW)).getPermissionBits()).isZero();
    }

    // --- malformed calls

    @Test
    default void malformedRequestsAreInvalidArgumentsAndACallWithoutATokenIsUnauthenticated() {
        Person caller = newTenant().newMember();

        List<Runnable> malformed = List.of(
                () -> as(caller).check(check("x", VIEW).toBuilder().setResourceType("skill").build()),
                () -> as(caller).check(check("x", 16)),
                () -> as(caller).check(check("x", 0)),
                () -> as(caller).check(check("../x", VIEW)),
                () -> as(caller).check(check("x".repeat(129), VIEW)),
                () -> as(caller).grantOwner(owner("")),
                () -> as(caller).grantOwner(owner("a/b")),
                () -> as(caller).revokeAll(revoke("a b")),
                () -> as(caller).listAccessible(accessible(0).build()),
                () -> as(caller).listAccessible(accessible(VIEW).setPageSize(1001).build()),
                () -> as(caller).listAccessible(accessible(VIEW).setPageToken("not-a-token!").build()),
                () -> as(caller).listAccessible(accessible(VIEW).setResourceType("").build()),
                () -> as(caller).listEntries(entries("a/b")),
                () -> as(caller).share(share("a/b").setPublic(true).build()));
        for (int i = 0; i < malformed.size(); i++) {
            assertThat(failureOf(malformed.get(i)).code()).as("request %d", i).isEqualTo(Status.Code.INVALID_ARGUMENT);
        }
        assertThat(failureOf(() -> AccessGrpc.newBlockingStub(channel()).withDeadlineAfter(5, TimeUnit.SECONDS)
                .check(check("x", VIEW))).code()).isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    // --- requests and answers

    /** The stub as {@code person}, relaying their token as peer services do, with a deadline. */
    default AccessGrpc.AccessBlockingStub as(Person person) {
        return GrpcCalls.as(AccessGrpc.newBlockingStub(channel()), person.token(), 5);
    }

    /** {@code <type>_<level>}, e.g. {@code agent_viewer}. */
    default String role(String level) {
        return resourceType() + "_" + level;
    }

    /** The words auth-service's messages use for {@link #resourceType()}. */
    private String label() {
        return Map.of("agent", "agent", "promptGroup", "prompt group", "mcpServer", "MCP server", "sharedLink", "shared link")
                .get(resourceType());
    }

    private CheckAccessRequest check(String id, int bits) {
        return CheckAccessRequest.newBuilder().setResourceType(resourceType()).setResourceId(id).setRequiredBits(bits).build();
    }

    private GrantOwnerRequest owner(String id) {
        return GrantOwnerRequest.newBuilder().setResourceType(resourceType()).setResourceId(id).build();
    }

    private RevokeAllRequest revoke(String id) {
        return RevokeAllRequest.newBuilder().setResourceType(resourceType()).setResourceId(id).build();
    }

    private ListAccessibleRequest.Builder accessible(int bits) {
        return ListAccessibleRequest.newBuilder().setResourceType(resourceType()).setRequiredBits(bits);
    }

    private ListEntriesRequest entries(String id) {
        return ListEntriesRequest.newBuilder().setResourceType(resourceType()).setResourceId(id).build();
    }

    private ShareRequest.Builder share(String id) {
        return ShareRequest.newBuilder().setResourceType(resourceType()).setResourceId(id);
    }

    private static AclGrant user(Person person, String accessRoleId) {
        return AclGrant.newBuilder().setType("user").setId(person.id()).setAccessRoleId(accessRoleId).build();
    }

    /** Like the ids services give resources (ObjectIds); unique, so cases never meet. */
    private static String newId() {
        return new ObjectId().toHexString();
    }

    /** How a call failed: its status and auth-service's message (as clients map it back). */
    record Failure(Status.Code code, String message) {
    }

    private static Failure failureOf(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            return new Failure(e.getStatus().getCode(), GrpcErrors.toApiException(e).getMessage());
        }
        return new Failure(Status.Code.OK, null);
    }
}
