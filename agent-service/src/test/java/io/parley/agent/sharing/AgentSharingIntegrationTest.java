package io.parley.agent.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.agent.AgentIntegrationTest;
import io.parley.agent.FakeAuthServices;
import io.parley.common.test.Http;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The specification's share routes, over the same ACL that LibreChat's /api/permissions/agent/:_id edits. */
class AgentSharingIntegrationTest extends AgentIntegrationTest {

    @Test
    void aShareMadeHereIsTheEntryThePermissionsRoutesSeeAndTheOtherWayRound() {
        Person ada = admin(); // AGENTS.SHARE and SHARE_PUBLIC by default
        Person bob = user();
        JsonNode agent = createAgent(ada);
        String id = agent.get("id").asString();
        String objectId = agent.get("_id").asString();

        Http.Response shared = post(ada, "/api/agents/" + id + "/share",
                "{\"type\":\"user\",\"id\":\"" + bob.id() + "\",\"accessRoleId\":\"agent_editor\"}");

        assertThat(shared.status()).as(shared.body()).isEqualTo(201);
        assertThat(shared.json().get("shareId").asString()).isEqualTo("user:" + bob.id());
        assertThat(AUTH.entries(tenant, objectId)).containsEntry(new FakeAuthServices.Principal("user", bob.id()),
                new FakeAuthServices.Entry(3, "agent_editor"));
        assertThat(send(bob, "PATCH", "/api/agents/" + id, "{\"name\":\"Bob's edit\"}").status()).isEqualTo(200);

        // a share written through /api/permissions shows here
        AUTH.grant(tenant, objectId, "role", "USER", "agent_viewer");
        JsonNode access = get(ada, "/api/agents/" + id + "/access").json();
        assertThat(access.get("resourceType").asString()).isEqualTo("agent");
        assertThat(access.get("resourceId").asString()).isEqualTo(objectId);
        assertThat(access.get("principals").findValuesAsString("shareId"))
                .containsExactlyInAnyOrder("user:" + ada.id(), "user:" + bob.id(), "role:USER");
        assertThat(access.get("public").asBoolean()).isFalse();
    }

    @Test
    void changingAndRemovingAShareActOnThatPrincipalOnly() {
        Person ada = admin();
        Person bob = user();
        JsonNode agent = createAgent(ada);
        String id = agent.get("id").asString();
        post(ada, "/api/agents/" + id + "/share", "{\"type\":\"user\",\"id\":\"" + bob.id() + "\",\"accessRoleId\":\"agent_editor\"}");

        Http.Response changed = send(ada, "PATCH", "/api/agents/" + id + "/share/user:" + bob.id(), "{\"accessRoleId\":\"agent_viewer\"}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("accessRoleId").asString()).isEqualTo("agent_viewer");
        assertThat(send(bob, "PATCH", "/api/agents/" + id, "{\"name\":\"x\"}").status()).isEqualTo(403);

        assertThat(send(ada, "DELETE", "/api/agents/" + id + "/share/user:" + bob.id(), null).status()).isEqualTo(200);
        assertThat(get(bob, "/api/agents/" + id).status()).isEqualTo(403);
        assertThat(get(ada, "/api/agents/" + id).status()).isEqualTo(200);

        Http.Response unknown = send(ada, "DELETE", "/api/agents/" + id + "/share/user:" + bob.id(), null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asString()).isEqualTo("Share not found");
        assertThat(send(ada, "PATCH", "/api/agents/" + id + "/share/group:nobody", "{\"accessRoleId\":\"agent_viewer\"}").status())
                .isEqualTo(404);
    }

    @Test
    void aPublicShareNeedsSharePublicAndShowsAsIsPublic() {
        Person ada = user();
        JsonNode agent = createAgent(ada);
        String id = agent.get("id").asString();

        Http.Response refused = post(ada, "/api/agents/" + id + "/share", "{\"type\":\"public\",\"accessRoleId\":\"agent_viewer\"}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("message").asString()).isEqualTo("You do not have permission to share agent resources publicly");
        assertThat(refused.json().get("error").asString()).isEqualTo("Forbidden");

        AUTH.permit(tenant, "USER", "AGENTS.SHARE_PUBLIC", true);
        Http.Response shared = post(ada, "/api/agents/" + id + "/share", "{\"type\":\"public\",\"accessRoleId\":\"agent_viewer\"}");
        assertThat(shared.status()).as(shared.body()).isEqualTo(201);
        assertThat(shared.json().get("shareId").asString()).isEqualTo("public");
        assertThat(get(user(), "/api/agents/" + id).json().get("isPublic").asBoolean()).isTrue();
        assertThat(get(ada, "/api/agents/" + id + "/access").json().get("publicAccessRoleId").asString()).isEqualTo("agent_viewer");

        assertThat(send(ada, "DELETE", "/api/agents/" + id + "/share/public", null).status()).isEqualTo(200);
        assertThat(get(user(), "/api/agents/" + id).status()).isEqualTo(403);
    }

    @Test
    void badShareBodiesAre400AndTheLastOwnerCannotBeRemoved() {
        Person ada = admin();
        JsonNode agent = createAgent(ada);
        String id = agent.get("id").asString();

        assertThat(post(ada, "/api/agents/" + id + "/share", "{\"type\":\"alien\",\"id\":\"x\",\"accessRoleId\":\"agent_viewer\"}").status())
                .isEqualTo(400);
        assertThat(post(ada, "/api/agents/" + id + "/share", "{\"type\":\"user\",\"accessRoleId\":\"agent_viewer\"}").status())
                .isEqualTo(400);
        assertThat(post(ada, "/api/agents/" + id + "/share", "{\"type\":\"user\",\"id\":\"u1\",\"accessRoleId\":\"agent_god\"}").status())
                .isEqualTo(400);
        assertThat(post(ada, "/api/agents/" + id + "/share", null).status()).isEqualTo(400);
        assertThat(send(ada, "PATCH", "/api/agents/" + id + "/share/user:" + ada.id(), "{}").status()).isEqualTo(400);
        Http.Response lastOwner = send(ada, "DELETE", "/api/agents/" + id + "/share/user:" + ada.id(), null);
        assertThat(lastOwner.status()).isEqualTo(400);
        assertThat(lastOwner.json().get("error").asString()).isEqualTo("Failed to update permissions");
        assertThat(AUTH.entries(tenant, agent.get("_id").asString())).hasSize(1);
    }
}
