package io.parley.agent.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.agent.AgentIntegrationTest;
import io.parley.common.test.Http;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The share routes check the SHARE bit before the body: a stranger learns nothing from how it is parsed. */
class ShareAccessBeforeBodyIntegrationTest extends AgentIntegrationTest {

    private static final List<String> BODIES = List.of("{", "[]", "\"x\"", "{}", "{\"type\":\"nobody\"}",
            "{\"type\":{\"$gt\":\"\"}}", "{\"type\":\"user\"}", "{\"accessRoleId\":42}");

    @Test
    void aStrangersShareRequestIsRefusedBeforeItsBodyIsRead() {
        Person ada = user();
        Person bob = user();
        JsonNode agent = createAgent(ada);
        String id = agent.get("id").asString();
        var entriesBefore = AUTH.entries(tenant, agent.get("_id").asString());
        String takeOver = "{\"type\":\"user\",\"id\":\"" + bob.id() + "\",\"accessRoleId\":\"agent_owner\"}";

        for (String body : concat(BODIES, takeOver)) {
            Http.Response refused = post(bob, "/api/agents/" + id + "/share", body);
            assertThat(refused.status()).as(body + " → " + refused.body()).isEqualTo(403);
            assertThat(refused.json().get("message").asString()).isEqualTo("Insufficient permissions to access this agent");
        }
        assertThat(AUTH.entries(tenant, agent.get("_id").asString())).isEqualTo(entriesBefore);
        assertThat(get(bob, "/api/agents/" + id).status()).isEqualTo(403);
    }

    @Test
    void aViewersShareRequestIsRefusedBeforeItsBodyIsRead() {
        Person ada = user();
        Person viewer = user();
        JsonNode agent = createAgent(ada);
        share(agent, "user", viewer.id(), "agent_viewer");
        var entriesBefore = AUTH.entries(tenant, agent.get("_id").asString());

        for (String body : BODIES) {
            Http.Response refused = post(viewer, "/api/agents/" + agent.get("id").asString() + "/share", body);
            assertThat(refused.status()).as(body + " → " + refused.body()).isEqualTo(403);
        }
        assertThat(AUTH.entries(tenant, agent.get("_id").asString())).isEqualTo(entriesBefore);
    }

    @Test
    void aStrangersShareChangeIsRefusedBeforeItsBodyIsRead() {
        Person ada = user();
        Person bob = user();
        JsonNode agent = createAgent(ada);
        String id = agent.get("id").asString();
        var entriesBefore = AUTH.entries(tenant, agent.get("_id").asString());

        for (String body : concat(BODIES, "{\"accessRoleId\":\"agent_viewer\"}")) {
            Http.Response refused = send(bob, "PATCH", "/api/agents/" + id + "/share/user:" + ada.id(), body);
            assertThat(refused.status()).as(body + " → " + refused.body()).isEqualTo(403);
        }
        assertThat(send(bob, "DELETE", "/api/agents/" + id + "/share/user:" + ada.id(), null).status()).isEqualTo(403);
        assertThat(AUTH.entries(tenant, agent.get("_id").asString())).isEqualTo(entriesBefore);
    }

    @Test
    void anotherTenantsAgentIsNotFoundOnEveryShareRouteWhateverTheBody() {
        Person ada = user();
        Person eve = ada.in("other-" + tenant);
        JsonNode agent = createAgent(ada);
        String id = agent.get("id").asString();
        var entriesBefore = AUTH.entries(tenant, agent.get("_id").asString());

        for (String body : BODIES) {
            assertThat(post(eve, "/api/agents/" + id + "/share", body).status()).as(body).isEqualTo(404);
            assertThat(send(eve, "PATCH", "/api/agents/" + id + "/share/user:" + ada.id(), body).status()).as(body)
                    .isEqualTo(404);
        }
        assertThat(get(eve, "/api/agents/" + id + "/access").status()).isEqualTo(404);
        assertThat(AUTH.entries(tenant, agent.get("_id").asString())).isEqualTo(entriesBefore);
    }

    @Test
    void theOwnersInvalidShareBodyIsStillA400AboutTheBody() {
        Person ada = admin();
        JsonNode agent = createAgent(ada);
        String id = agent.get("id").asString();

        Http.Response malformed = post(ada, "/api/agents/" + id + "/share", "{");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("error").asString()).isEqualTo("invalid_json");
        Http.Response noType = post(ada, "/api/agents/" + id + "/share", "{}");
        assertThat(noType.status()).isEqualTo(400);
        assertThat(noType.json().get("details").get(0).get("field").asString()).isEqualTo("type");
        Http.Response wrongType = post(ada, "/api/agents/" + id + "/share", "{\"type\":{\"$gt\":\"\"}}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().get("details").get(0).get("field").asString()).isEqualTo("type");
    }

    private static List<String> concat(List<String> bodies, String more) {
        return java.util.stream.Stream.concat(bodies.stream(), java.util.stream.Stream.of(more)).toList();
    }
}
