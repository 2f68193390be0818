package io.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.test.Http;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Agents across services: the agent lives in agent-service, its ACL and the role gates in
 * auth-service. What LibreChat's share dialog writes to {@code /api/permissions/agent/<_id>} decides
 * what agent-service serves, and the specification's share routes show the same entries.
 */
class AgentSharingE2ETest extends E2ETest {

    private final String tenant = uniqueTenant("agents");



    private String idOf(String auth) {
        return as(tenant, auth, "GET", "/api/user", null).json().get("id").asString();
    }

    @Test
    void anAgentSharedThroughThePermissionsRoutesIsServedWithTheRoleItWasGivenAndGoesWithItsDeletion() {
        String ada = signIn(tenant); // the tenant's first person: ADMIN, whose role may share agents, also publicly
        String bob = signIn(tenant);
        Http.Response created = as(tenant, ada, "POST", "/api/agents", """
                {"name":"Reviewer","description":"Reviews code","instructions":"Be strict","provider":"openAI",
                 "model":"gpt-4o","category":"rd"}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String agentId = created.json().get("id").asString();
        String objectId = created.json().get("_id").asString();

        Http.Response hidden = as(tenant, bob, "GET", "/api/agents/" + agentId, null);
        assertThat(hidden.status()).isEqualTo(403);
        assertThat(hidden.json().get("message").asString()).isEqualTo("Insufficient permissions to access this agent");
        assertThat(as(tenant, bob, "GET", "/api/agents", null).json().get("data")).isEmpty();

        Http.Response shared = as(tenant, ada, "PUT", "/api/permissions/agent/" + objectId, """
                {"updated":[{"type":"user","id":"%s","accessRoleId":"agent_viewer"}]}""".formatted(idOf(bob)));
        assertThat(shared.status()).as(shared.body()).isEqualTo(200);

        JsonNode seen = as(tenant, bob, "GET", "/api/agents/" + agentId, null).json();
        assertThat(seen.get("name").asString()).isEqualTo("Reviewer");
        assertThat(seen.has("instructions")).isFalse();
        assertThat(as(tenant, bob, "GET", "/api/agents", null).json().get("data").findValuesAsString("id")).containsExactly(agentId);
        assertThat(as(tenant, bob, "PATCH", "/api/agents/" + agentId, "{\"name\":\"Taken\"}").status()).isEqualTo(403);
        assertThat(as(tenant, bob, "GET", "/api/agents/" + agentId + "/expanded", null).status()).isEqualTo(403);
        assertThat(as(tenant, ada, "GET", "/api/agents/" + agentId + "/access", null).json().get("principals")
                .findValuesAsString("shareId")).as("the specification's view of the same ACL").contains("user:" + idOf(bob));

        // the marketplace: on for the USER role by an admin (LibreChat leaves it off), then a public share
        assertThat(as(tenant, bob, "GET", "/api/agents/marketplace", null).status()).isEqualTo(403);
        assertThat(as(tenant, ada, "PUT", "/api/roles/USER/marketplace", "{\"USE\":true}").status()).isEqualTo(200);
        String carol = signIn(tenant);
        assertThat(as(tenant, carol, "GET", "/api/agents/marketplace", null).json().get("data")).isEmpty();
        Http.Response published = as(tenant, ada, "PUT", "/api/permissions/agent/" + objectId,
                "{\"public\":true,\"publicAccessRoleId\":\"agent_viewer\"}");
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        JsonNode market = as(tenant, carol, "GET", "/api/agents/marketplace", null).json().get("data");
        assertThat(market.findValuesAsString("id")).containsExactly(agentId);
        assertThat(market.get(0).get("isPublic").asBoolean()).isTrue();
        assertThat(as(tenant, carol, "POST", "/api/agents/" + agentId + "/install", null).status()).isEqualTo(200);
        assertThat(as(tenant, carol, "GET", "/api/agents/categories", null).json().findValuesAsString("value")).contains("rd", "all");

        assertThat(as(tenant, ada, "DELETE", "/api/agents/" + agentId, null).status()).isEqualTo(200);
        assertThat(as(tenant, bob, "GET", "/api/agents/" + agentId, null).status()).isEqualTo(404);
        assertThat(as(tenant, ada, "GET", "/api/permissions/agent/" + objectId, null).status())
                .as("the deleted agent's entries are gone: its sharing is no one's to read").isEqualTo(404);
        assertThat(as(tenant, carol, "GET", "/api/agents/marketplace", null).json().get("data")).isEmpty();
    }
}
