package io.parley.auth.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.auth.AuthIntegrationTest;
import io.parley.common.security.CurrentUser;
import io.parley.common.test.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** LibreChat's {@code /api/permissions} over real HTTP; the first person of each tenant is its ADMIN. */
class PermissionsIntegrationTest extends AuthIntegrationTest {

    @Autowired
    Access access;

    record Person(String tenant, String id, String email, String token) {
        CurrentUser asUser() {
            return new CurrentUser(id, tenant, "USER", email, null, "local", null);
        }
    }

    private Person person(String tenant) {
        String email = uniqueEmail();
        register(email, "X-Parley-Tenant", tenant);
        JsonNode session = login(email, PASSWORD, "X-Parley-Tenant", tenant).json();
        return new Person(tenant, session.at("/user/id").asString(), email, session.get("token").asString());
    }

    /** A user (not the admin) of a tenant of their own. */
    private Person strangerElsewhere() {
        String tenant = uniqueTenant();
        person(tenant);
        return person(tenant);
    }

    private Http.Response send(Person caller, String method, String path, String body) {
        return http.send(method, path, body, "Authorization", "Bearer " + caller.token());
    }

    private Http.Response get(Person caller, String path) {
        return http.get(path, "Authorization", "Bearer " + caller.token());
    }

    private String ownedAgent(Person owner) {
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        access.grantOwner(owner.asUser(), ResourceType.AGENT, id);
        return id;
    }

    private void allowSharing(Person admin) {
        assertThat(send(admin, "PUT", "/api/roles/USER/agents", "{\"SHARE\":true,\"SHARE_PUBLIC\":true}").status())
                .isEqualTo(200);
    }

    private int effective(Person caller, String agentId) {
        Http.Response response = get(caller, "/api/permissions/agent/" + agentId + "/effective");
        assertThat(response.status()).isEqualTo(200);
        return response.json().get("permissionBits").asInt();
    }

    private static String share(String type, String id, String role) {
        return "{\"updated\":[{\"type\":\"%s\",\"id\":\"%s\",\"accessRoleId\":\"%s\",\"name\":\"ignored\"}]}"
                .formatted(type, id, role);
    }

    @Test
    void eachResourceTypeListsItsAccessRolesAndAnUnknownTypeIsABadRequest() {
        Person someone = person(uniqueTenant());

        JsonNode roles = get(someone, "/api/permissions/agent/roles").json();
        assertThat(roles.findValuesAsString("accessRoleId")).containsExactly("agent_viewer", "agent_editor", "agent_owner");
        assertThat(roles.findValues("permBits").stream().map(JsonNode::asInt).toList()).containsExactly(1, 3, 15);
        assertThat(get(someone, "/api/permissions/sharedLink/roles").json().findValuesAsString("accessRoleId"))
                .containsExactly("sharedLink_viewer", "sharedLink_owner");

        Http.Response unknown = get(someone, "/api/permissions/skill/roles");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("error").asString()).isEqualTo("Bad Request");
        assertThat(unknown.json().get("message").asString()).isEqualTo("Unsupported resource type: skill");
    }

    @Test
    void anOwnerWhoseRoleMayNotShareIsRefusedUntilAnAdminAllowsIt() {
        String tenant = uniqueTenant();
        Person admin = person(tenant);
        Person owner = person(tenant);
        Person friend = person(tenant);
        String agent = ownedAgent(owner);

        Http.Response refused = send(owner, "PUT", "/api/permissions/agent/" + agent, share("user", friend.id(), "agent_viewer"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("error").asString()).isEqualTo("Forbidden");
        assertThat(refused.json().get("message").asString()).isEqualTo("You do not have permission to share agent resources");
        assertThat(effective(friend, agent)).isZero();

        allowSharing(admin);
        Http.Response shared = send(owner, "PUT", "/api/permissions/agent/" + agent, share("user", friend.id(), "agent_viewer"));

        assertThat(shared.status()).isEqualTo(200);
        assertThat(shared.json().get("message").asString()).isEqualTo("Permissions updated successfully");
        assertThat(shared.json().at("/results/principals/0/id").asString()).isEqualTo(friend.id());
        assertThat(effective(friend, agent)).isEqualTo(PermissionBits.VIEW);
        JsonNode sharing = get(owner, "/api/permissions/agent/" + agent).json();
        assertThat(sharing.get("resourceType").asString()).isEqualTo("agent");
        assertThat(sharing.get("public").asBoolean()).isFalse();
        assertThat(sharing.get("principals").findValuesAsString("email")).containsExactlyInAnyOrder(owner.email(), friend.email());
    }

    @Test
    void aViewerCannotReadOrChangeTheSharingAndOthersGetForbiddenToo() {
        String tenant = uniqueTenant();
        Person admin = person(tenant);
        Person owner = person(tenant);
        Person viewer = person(tenant);
        allowSharing(admin);
        String agent = ownedAgent(owner);
        send(owner, "PUT", "/api/permissions/agent/" + agent, share("user", viewer.id(), "agent_viewer"));

        for (Person outsider : List.of(viewer, person(tenant))) {
            Http.Response read = get(outsider, "/api/permissions/agent/" + agent);
            assertThat(read.status()).isEqualTo(403);
            assertThat(read.json().get("message").asString()).isEqualTo("Insufficient permissions to access this agent");
            Http.Response write = send(outsider, "PUT", "/api/permissions/agent/" + agent,
                    share("user", outsider.id(), "agent_owner"));
            assertThat(write.status()).isEqualTo(403);
        }
        Person elsewhere = strangerElsewhere();
        assertThat(get(elsewhere, "/api/permissions/agent/" + agent).status()).as("another tenant's").isEqualTo(404);
        assertThat(send(elsewhere, "PUT", "/api/permissions/agent/" + agent, share("user", elsewhere.id(), "agent_owner"))
                .status()).isEqualTo(404);
        assertThat(effective(viewer, agent)).isEqualTo(PermissionBits.VIEW);
        assertThat(get(admin, "/api/permissions/agent/" + agent).status()).isEqualTo(200);
    }

    @Test
    void anotherTenantsAdminCannotReadOrWriteEntriesForTheIdsOfThisTenant() {
        Person owner = person(uniqueTenant());
        String agent = ownedAgent(owner);
        Person otherAdmin = person(uniqueTenant());

        for (String type : List.of("agent", "promptGroup", "mcpServer")) {
            String path = "/api/permissions/" + type + "/" + agent;
            assertThat(get(otherAdmin, path).status()).as(type).isEqualTo(404);
            Http.Response write = send(otherAdmin, "PUT", path, "{\"public\":true,\"publicAccessRoleId\":\"" + type + "_viewer\"}");
            assertThat(write.status()).as(type).isEqualTo(404);
            assertThat(write.json().get("message").asString()).isEqualTo("Resource not found");
        }
        assertThat(access.accessible(otherAdmin.asUser(), ResourceType.AGENT, PermissionBits.VIEW, 100, null, true)
                .resourceIds()).as("nothing public was stored in the other tenant").doesNotContain(agent);
        assertThat(get(owner, "/api/permissions/agent/" + agent).json().get("public").asBoolean()).isFalse();
    }

    @Test
    void aGroupShareReachesItsMembersUntilTheGroupIsDeleted() {
        String tenant = uniqueTenant();
        Person admin = person(tenant);
        Person owner = person(tenant);
        Person member = person(tenant);
        Person outsider = person(tenant);
        allowSharing(admin);
        String agent = ownedAgent(owner);
        String group = send(admin, "POST", "/api/admin/groups", "{\"name\":\"Editors\"}").json().get("id").asString();
        send(admin, "POST", "/api/admin/groups/" + group + "/members", "{\"userIds\":[\"" + member.id() + "\"]}");

        assertThat(send(owner, "PUT", "/api/permissions/agent/" + agent, share("group", group, "agent_editor")).status())
                .isEqualTo(200);

        assertThat(effective(member, agent)).isEqualTo(PermissionBits.VIEW | PermissionBits.EDIT);
        assertThat(effective(outsider, agent)).isZero();
        assertThat(get(owner, "/api/permissions/agent/" + agent).json().get("principals").findValuesAsString("name"))
                .contains("Editors");

        assertThat(send(admin, "DELETE", "/api/admin/groups/" + group, null).status()).isEqualTo(204);
        assertThat(effective(member, agent)).isZero();
    }

    @Test
    void aRoleShareReachesEveryoneHoldingTheRole() {
        String tenant = uniqueTenant();
        Person admin = person(tenant);
        Person owner = person(tenant);
        Person colleague = person(tenant);
        allowSharing(admin);
        String agent = ownedAgent(owner);

        assertThat(send(owner, "PUT", "/api/permissions/agent/" + agent, share("role", "USER", "agent_viewer")).status())
                .isEqualTo(200);

        assertThat(effective(colleague, agent)).isEqualTo(PermissionBits.VIEW);
        assertThat(effective(strangerElsewhere(), agent)).isZero();
    }

    @Test
    void makingAResourcePublicNeedsSharePublicAndThenReachesTheWholeTenant() {
        String tenant = uniqueTenant();
        Person admin = person(tenant);
        Person owner = person(tenant);
        Person anyone = person(tenant);
        String agent = ownedAgent(owner);
        assertThat(send(admin, "PUT", "/api/roles/USER/agents", "{\"SHARE\":true}").status()).isEqualTo(200);

        Http.Response refused = send(owner, "PUT", "/api/permissions/agent/" + agent, "{\"public\":true}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("message").asString())
                .isEqualTo("You do not have permission to share agent resources publicly");
        assertThat(effective(anyone, agent)).isZero();

        assertThat(send(admin, "PUT", "/api/roles/USER/agents", "{\"SHARE_PUBLIC\":true}").status()).isEqualTo(200);
        Http.Response shared = send(owner, "PUT", "/api/permissions/agent/" + agent, "{\"public\":true}");

        assertThat(shared.status()).isEqualTo(200);
        assertThat(shared.json().at("/results/public").asBoolean()).isTrue();
        assertThat(shared.json().at("/results/publicAccessRoleId").asString()).isEqualTo("agent_viewer");
        assertThat(effective(anyone, agent)).isEqualTo(PermissionBits.VIEW);
        assertThat(effective(strangerElsewhere(), agent)).isZero();

        assertThat(send(owner, "PUT", "/api/permissions/agent/" + agent, "{\"public\":false}").status()).isEqualTo(200);
        assertThat(effective(anyone, agent)).isZero();
    }

    @Test
    void badUpdatesAreRefusedAndChangeNothing() {
        String tenant = uniqueTenant();
        Person admin = person(tenant);
        Person owner = person(tenant);
        Person friend = person(tenant);
        allowSharing(admin);
        String agent = ownedAgent(owner);
        String path = "/api/permissions/agent/" + agent;
        String before = get(owner, path).body();

        List<String> bad = new ArrayList<>(List.of(
                share("user", friend.id(), "agent_admin"),
                share("user", friend.id(), "promptGroup_viewer"),
                share("user", "not-an-id", "agent_viewer"),
                share("user", "0123456789abcdef01234567", "agent_viewer"),
                share("user", strangerElsewhere().id(), "agent_viewer"),
                share("group", "0123456789abcdef01234567", "agent_viewer"),
                share("role", "NO_SUCH_ROLE", "agent_viewer"),
                share("team", friend.id(), "agent_viewer"),
                share("public", "", "agent_viewer"),
                "{\"updated\":[{\"type\":\"user\",\"id\":\"" + friend.id() + "\",\"accessRoleId\":\"agent_viewer\"}],"
                        + "\"removed\":[{\"type\":\"user\",\"id\":\"" + owner.id() + "\"}]}",
                "{\"public\":true,\"publicAccessRoleId\":\"agent_owner\"}",
                "{\"updated\":[null]}",
                "{\"updated\":\"everyone\"}"));
        for (String body : bad) {
            Http.Response refused = send(owner, "PUT", path, body);
            assertThat(refused.status()).as(body).isEqualTo(400);
            assertThat(refused.json().has("error")).isTrue();
        }
        assertThat(send(owner, "PUT", "/api/permissions/agent/a%2F..", share("user", friend.id(), "agent_viewer")).status())
                .isIn(400, 404);

        assertThat(get(owner, path).body()).isEqualTo(before);
        assertThat(effective(friend, agent)).isZero();
    }

    @Test
    void theLastOwnerCannotBeRemovedButOwnershipCanBeHandedOver() {
        String tenant = uniqueTenant();
        Person admin = person(tenant);
        Person owner = person(tenant);
        Person heir = person(tenant);
        allowSharing(admin);
        String agent = ownedAgent(owner);
        String path = "/api/permissions/agent/" + agent;

        assertThat(send(owner, "PUT", path, share("user", owner.id(), "agent_viewer")).status()).isEqualTo(400);

        assertThat(send(owner, "PUT", path, "{\"updated\":[{\"type\":\"user\",\"id\":\"" + heir.id()
                + "\",\"accessRoleId\":\"agent_owner\"}],\"removed\":[{\"type\":\"user\",\"id\":\"" + owner.id() + "\"}]}")
                .status()).isEqualTo(200);

        assertThat(effective(heir, agent)).isEqualTo(PermissionBits.ALL);
        assertThat(effective(owner, agent)).isZero();
    }

    @Test
    void effectiveAllListsWhatTheCallerReachesWithTheirBits() {
        String tenant = uniqueTenant();
        Person admin = person(tenant);
        Person owner = person(tenant);
        Person friend = person(tenant);
        allowSharing(admin);
        String mine = ownedAgent(friend);
        String shared = ownedAgent(owner);
        String hidden = ownedAgent(owner);
        send(owner, "PUT", "/api/permissions/agent/" + shared, share("user", friend.id(), "agent_editor"));

        JsonNode all = get(friend, "/api/permissions/agent/effective/all").json();

        assertThat(all.get(mine).asInt()).isEqualTo(15);
        assertThat(all.get(shared).asInt()).isEqualTo(3);
        assertThat(all.has(hidden)).isFalse();
    }

    @Test
    void thePeoplePickerNeedsItsRolePermissionsAndFindsUsersGroupsAndRoles() {
        String tenant = uniqueTenant();
        Person admin = person(tenant);
        Person user = person(tenant);
        String group = send(admin, "POST", "/api/admin/groups", "{\"name\":\"Upstairs\"}").json().get("id").asString();

        Http.Response refused = get(user, "/api/permissions/search-principals?q=up");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("error").asString()).isEqualTo("Forbidden");

        Http.Response users = get(admin, "/api/permissions/search-principals?q=" + user.email().substring(0, 6) + "&types=user");
        assertThat(users.status()).isEqualTo(200);
        assertThat(users.json().get("results").findValuesAsString("id")).containsExactly(user.id());
        assertThat(users.json().at("/results/0/type").asString()).isEqualTo("user");
        assertThat(users.json().at("/results/0/email").asString()).isEqualTo(user.email());

        JsonNode groups = get(admin, "/api/permissions/search-principals?q=UPST").json();
        assertThat(groups.get("results").findValuesAsString("id")).containsExactly(group);
        assertThat(groups.at("/results/0/memberCount").asInt()).isZero();
        assertThat(get(admin, "/api/permissions/search-principals?q=us&types=role").json().get("results")
                .findValuesAsString("id")).containsExactly("USER");

        assertThat(get(admin, "/api/permissions/search-principals?q=u").status()).isEqualTo(400);
        assertThat(get(admin, "/api/permissions/search-principals").status()).isEqualTo(400);
        assertThat(get(admin, "/api/permissions/search-principals?q=up&types=robot").status()).isEqualTo(400);
        assertThat(get(admin, "/api/permissions/search-principals?q=up&limit=500").status()).isEqualTo(400);

        assertThat(send(admin, "PUT", "/api/roles/USER/people-picker", "{\"VIEW_GROUPS\":true}").status()).isEqualTo(200);
        assertThat(get(user, "/api/permissions/search-principals?q=upst").json().get("results").findValuesAsString("id"))
                .containsExactly(group);
        assertThat(get(user, "/api/permissions/search-principals?q=upst&types=user").status()).isEqualTo(403);
    }
}
