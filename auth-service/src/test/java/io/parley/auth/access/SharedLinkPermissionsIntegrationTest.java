package io.parley.auth.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.auth.AuthIntegrationTest;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import io.parley.common.test.Http;
import java.util.List;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Shared links (resource type {@code sharedLink}) through {@code /api/permissions}: LibreChat's viewer and
 * owner roles, sharing gated by SHARED_LINKS.SHARE and SHARE_PUBLIC (which LibreChat's USER holds).
 */
class SharedLinkPermissionsIntegrationTest extends AuthIntegrationTest {

    @Autowired
    Access access;

    @Autowired
    Sharing sharing;

    record Person(String tenant, String id, String email, String token) {
        CurrentUser as(String role) {
            return new CurrentUser(id, tenant, role, email, null, "local", null);
        }
    }

    private Person person(String tenant) {
        String email = uniqueEmail();
        register(email, "X-Parley-Tenant", tenant);
        JsonNode session = login(email, PASSWORD, "X-Parley-Tenant", tenant).json();
        return new Person(tenant, session.at("/user/id").asString(), email, session.get("token").asString());
    }

    private Http.Response put(Person caller, String link, String body) {
        return http.send("PUT", "/api/permissions/sharedLink/" + link, body, "Authorization", "Bearer " + caller.token());
    }

    private String ownedLink(Person owner) {
        String id = new ObjectId().toHexString();
        access.grantOwner(owner.as("USER"), ResourceType.SHARED_LINK, id);
        return id;
    }

    @Test
    void anOwnerSharesALinkWithAPersonOfTheTenantAndWithEveryoneAsViewers() {
        String tenant = uniqueTenant();
        person(tenant); // the tenant's ADMIN
        Person owner = person(tenant);
        Person friend = person(tenant);
        Person third = person(tenant);
        String link = ownedLink(owner);

        Http.Response editor = put(owner, link, "{\"updated\":[{\"type\":\"user\",\"id\":\"%s\",\"accessRoleId\":\"sharedLink_editor\"}]}"
                .formatted(friend.id()));
        assertThat(editor.status()).isEqualTo(400);
        Http.Response shared = put(owner, link, "{\"updated\":[{\"type\":\"user\",\"id\":\"%s\",\"accessRoleId\":\"sharedLink_viewer\"}]}"
                .formatted(friend.id()));
        assertThat(shared.status()).as(shared.body()).isEqualTo(200);

        assertThat(access.bits(friend.as("USER"), ResourceType.SHARED_LINK, link)).isEqualTo(PermissionBits.VIEW);
        assertThat(access.bits(third.as("USER"), ResourceType.SHARED_LINK, link)).isZero();
        assertThat(access.bits(owner.as("USER"), ResourceType.SHARED_LINK, link)).isEqualTo(PermissionBits.ALL);

        Http.Response open = put(owner, link, "{\"public\":true,\"publicAccessRoleId\":\"sharedLink_viewer\"}");
        assertThat(open.status()).as(open.body()).isEqualTo(200);
        assertThat(access.bits(third.as("USER"), ResourceType.SHARED_LINK, link)).isEqualTo(PermissionBits.VIEW);
        assertThat(access.accessible(third.as("USER"), ResourceType.SHARED_LINK, PermissionBits.VIEW, 100, null, true)
                .resourceIds()).containsExactly(link);
    }

    @Test
    void sharingALinkNeedsSharedLinksShareAndSharingItPubliclySharePublic() {
        String tenant = uniqueTenant();
        person(tenant);
        Person owner = person(tenant);
        Person friend = person(tenant);
        String link = ownedLink(owner);
        CurrentUser withoutSharing = owner.as("NO_SHARING"); // a role of no permissions

        assertThatThrownBy(() -> sharing.share(withoutSharing, ResourceType.SHARED_LINK, link, new PermissionsUpdate(List.of(),
                List.of(), true, null))).isInstanceOf(ApiException.Forbidden.class)
                .hasMessageContaining("You do not have permission to share sharedLink resources publicly");
        assertThatThrownBy(() -> sharing.share(withoutSharing, ResourceType.SHARED_LINK, link, new PermissionsUpdate(
                List.of(new PermissionsUpdate.PrincipalRef("user", friend.id(), "sharedLink_viewer")), List.of(), null, null)))
                .isInstanceOf(ApiException.Forbidden.class)
                .hasMessageContaining("You do not have permission to share sharedLink resources");
        assertThat(access.publicBits(owner.as("USER"), ResourceType.SHARED_LINK, link)).isZero();
        assertThat(access.bits(friend.as("USER"), ResourceType.SHARED_LINK, link)).isZero();
    }

    @Test
    void noOneOfAnotherTenantReadsOrSharesALinkAndRevokingAllLeavesNoEntry() {
        Person owner = person(uniqueTenant());
        String link = ownedLink(owner);
        Person otherAdmin = person(uniqueTenant());

        assertThat(put(otherAdmin, link, "{\"public\":true,\"publicAccessRoleId\":\"sharedLink_viewer\"}").status()).isEqualTo(404);
        assertThat(access.bits(person(otherAdmin.tenant()).as("USER"), ResourceType.SHARED_LINK, link)).isZero();

        assertThat(access.revokeAll(owner.as("USER"), ResourceType.SHARED_LINK, link)).isEqualTo(1);
        assertThat(access.bits(owner.as("USER"), ResourceType.SHARED_LINK, link)).isZero();
    }
}
