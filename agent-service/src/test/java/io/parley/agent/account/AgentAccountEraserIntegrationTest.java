package io.parley.agent.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.agent.AgentIntegrationTest;
import io.parley.common.events.AccountDataEraser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class AgentAccountEraserIntegrationTest extends AgentIntegrationTest {

    @Autowired
    AccountDataEraser eraser;

    @Test
    void erasesTheAgentsThePersonAuthoredAndEveryInstallOfThemButNothingOfOthers() {
        Person gone = user();
        Person stays = user();
        AUTH.permit(tenant, "USER", "MARKETPLACE.USE", true);
        JsonNode authored = createAgent(gone);
        share(authored, "public", null, "agent_viewer");
        JsonNode othersAgent = createAgent(stays);
        share(othersAgent, "public", null, "agent_viewer");
        assertThat(post(stays, "/api/agents/" + authored.get("id").asString() + "/install", null).status()).isEqualTo(200);
        assertThat(post(gone, "/api/agents/" + othersAgent.get("id").asString() + "/install", null).status()).isEqualTo(200);
        assertThat(post(stays, "/api/agents/" + othersAgent.get("id").asString() + "/install", null).status()).isEqualTo(200);

        eraser.erase(tenant, gone.id());
        eraser.erase(tenant, gone.id()); // idempotent: a repeated event finds nothing left

        assertThat(get(stays, "/api/agents/" + authored.get("id").asString()).status()).isEqualTo(404);
        assertThat(get(stays, "/api/agents/" + othersAgent.get("id").asString()).status()).isEqualTo(200);
        assertThat(get(stays, "/api/agents/marketplace?installed=1").json().get("data").findValuesAsString("id"))
                .containsExactly(othersAgent.get("id").asString());
        assertThat(get(gone, "/api/agents/marketplace?installed=1").json().get("data")).isEmpty();
    }

    @Test
    void erasesOnlyInTheNamedTenant() {
        Person person = user();
        String id = createAgent(person).get("id").asString();

        eraser.erase("another-" + tenant, person.id());

        assertThat(get(person, "/api/agents/" + id).status()).isEqualTo(200);
    }
}
