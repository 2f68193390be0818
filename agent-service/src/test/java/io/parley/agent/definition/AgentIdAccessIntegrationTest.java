package io.parley.agent.definition;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.agent.AgentIntegrationTest;
import io.parley.common.test.Http;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An agent id is the tenant's: whoever may not touch an agent is refused (403 for an agent of their
 * tenant, as LibreChat answers; 404 from another tenant) before anything in the body is looked at,
 * and nothing is stored for them.
 */
class AgentIdAccessIntegrationTest extends AgentIntegrationTest {

    /** Bodies a stranger might send: malformed, the wrong shape, invalid fields, and a valid change. */
    private static final List<String> BODIES = List.of("{", "[1,2]", "\"text\"", "{\"name\":{\"$gt\":\"\"}}",
            "{\"provider\":\"agents\",\"model\":\"\"}", "{\"version_index\":\"x\"}", "{\"name\":\"Taken over\"}");

    @Test
    void aStrangersPatchIsRefusedBeforeItsBodyIsRead() {
        Person ada = user();
        Person bob = user();
        JsonNode agent = createAgent(ada);
        String id = agent.get("id").asString();

        for (String body : BODIES) {
            Http.Response refused = send(bob, "PATCH", "/api/agents/" + id, body);
            assertThat(refused.status()).as(body + " → " + refused.body()).isEqualTo(403);
            assertThat(refused.json().get("message").asString()).isEqualTo("Insufficient permissions to access this agent");
        }
        assertUnchanged(ada, agent);
    }

    @Test
    void aViewersPatchIsRefusedBeforeItsBodyIsRead() {
        Person ada = user();
        Person viewer = user();
        JsonNode agent = createAgent(ada);
        share(agent, "user", viewer.id(), "agent_viewer");

        for (String body : BODIES) {
            Http.Response refused = send(viewer, "PATCH", "/api/agents/" + agent.get("id").asString(), body);
            assertThat(refused.status()).as(body + " → " + refused.body()).isEqualTo(403);
        }
        assertUnchanged(ada, agent);
    }

    @Test
    void aStrangersRevertIsRefusedBeforeItsBodyIsRead() {
        Person ada = user();
        Person bob = user();
        JsonNode agent = createAgent(ada);

        for (String body : BODIES) {
            Http.Response refused = post(bob, "/api/agents/" + agent.get("id").asString() + "/revert", body);
            assertThat(refused.status()).as(body + " → " + refused.body()).isEqualTo(403);
        }
        assertUnchanged(ada, agent);
    }

    @Test
    void anotherTenantsAgentIsNotFoundWhateverTheBody() {
        Person ada = user();
        Person eve = user().in("other-" + tenant);
        JsonNode agent = createAgent(ada);
        String id = agent.get("id").asString();

        for (String body : BODIES) {
            assertThat(send(eve, "PATCH", "/api/agents/" + id, body).status()).as(body).isEqualTo(404);
            assertThat(post(eve, "/api/agents/" + id + "/revert", body).status()).as(body).isEqualTo(404);
        }
        assertThat(post(eve, "/api/agents/" + id + "/duplicate", null).status()).isEqualTo(404);
        assertThat(send(eve, "DELETE", "/api/agents/" + id, null).status()).isEqualTo(404);
        assertThat(get(eve, "/api/agents").json().get("data")).isEmpty();
        assertUnchanged(ada, agent);
    }

    @Test
    void anOwnersMalformedPatchIsStillA400AboutTheBody() {
        Person ada = user();
        JsonNode agent = createAgent(ada);

        Http.Response malformed = send(ada, "PATCH", "/api/agents/" + agent.get("id").asString(), "{");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("error").asString()).isEqualTo("invalid_json");
        Http.Response wrongType = send(ada, "PATCH", "/api/agents/" + agent.get("id").asString(), "[1]");
        assertThat(wrongType.status()).isEqualTo(400);
        Http.Response noIndex = post(ada, "/api/agents/" + agent.get("id").asString() + "/revert", "{}");
        assertThat(noIndex.status()).isEqualTo(400);
        assertThat(noIndex.json().get("error").asString()).isEqualTo("version_index is required");
        assertUnchanged(ada, agent);
    }

    @Test
    void aCreateNamingAnExistingIdGetsAnIdOfItsOwnAndLeavesTheOtherAgentAlone() {
        Person ada = user();
        Person bob = user();
        JsonNode agent = createAgent(ada);
        String id = agent.get("id").asString();

        JsonNode bobs = createAgent(bob, """
                {"id":"%s","_id":"%s","author":"%s","name":"Shadow","provider":"openAI","model":"gpt-4o"}"""
                .formatted(id, agent.get("_id").asString(), ada.id()));

        assertThat(bobs.get("id").asString()).isNotEqualTo(id);
        assertThat(bobs.get("_id").asString()).isNotEqualTo(agent.get("_id").asString());
        assertThat(bobs.get("author").asString()).isEqualTo(bob.id());
        assertUnchanged(ada, agent);
        assertThat(get(bob, "/api/agents/" + id).status()).isEqualTo(403);
    }

    private void assertUnchanged(Person owner, JsonNode before) {
        JsonNode now = get(owner, "/api/agents/" + before.get("id").asString() + "/expanded").json();
        assertThat(now.get("name").asString()).isEqualTo(before.get("name").asString());
        assertThat(now.get("author").asString()).isEqualTo(owner.id());
        assertThat(now.get("versions")).hasSize(before.get("versions").size());
        assertThat(now.get("updatedAt").asString()).isEqualTo(before.get("updatedAt").asString());
    }
}
