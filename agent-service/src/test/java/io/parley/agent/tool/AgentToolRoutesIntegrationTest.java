package io.parley.agent.tool;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.agent.AgentIntegrationTest;
import io.parley.common.test.Http;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AgentToolRoutesIntegrationTest extends AgentIntegrationTest {

    @Test
    void noToolsBesidesMcpOnesAreOfferedAndNoDirectToolCallsAreRecorded() {
        Person ada = user();
        Http.Response tools = get(ada, "/api/agents/tools");
        assertThat(tools.status()).as(tools.body()).isEqualTo(200);
        assertThat(tools.json().isArray()).isTrue();
        assertThat(tools.json()).isEmpty();

        Http.Response calls = get(ada, "/api/agents/tools/calls?conversationId=" + UUID.randomUUID());
        assertThat(calls.status()).isEqualTo(200);
        assertThat(calls.json().isArray()).isTrue();
        assertThat(calls.json()).isEmpty();
        assertThat(get(ada, "/api/agents/tools/calls").json()).isEmpty();
    }

    @Test
    void webSearchAndCodeExecutionAnswerAsLibreChatDoesWithoutTheirKeys() {
        Person ada = user();
        JsonNode search = get(ada, "/api/agents/tools/web_search/auth").json();
        assertThat(search.get("authenticated").asBoolean()).isFalse();
        assertThat(search.has("message")).isFalse();
        assertThat(search.get("authTypes").toString())
                .isEqualTo("[[\"providers\",\"user_provided\"],[\"scrapers\",\"user_provided\"],[\"rerankers\",\"user_provided\"]]");

        JsonNode code = get(ada, "/api/agents/tools/execute_code/auth").json();
        assertThat(code.get("authenticated").asBoolean()).isFalse();
        assertThat(code.get("message").asString()).isEqualTo("user_provided");
        assertThat(code.has("authTypes")).isFalse();

        Http.Response unknown = get(ada, "/api/agents/tools/dalle/auth");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asString()).isEqualTo("Tool not found");
        Http.Response call = post(ada, "/api/agents/tools/execute_code/call", "{\"messageId\":\"m\",\"lang\":\"py\",\"code\":\"1\"}");
        assertThat(call.status()).isEqualTo(404);
        assertThat(call.json().get("error").asString()).isEqualTo("Tool not found");
    }

    @Test
    void theToolRoutesAreNotTakenForAnAgentIdAndAgentsStillAre() {
        Person ada = user();
        JsonNode agent = createAgent(ada);
        String id = agent.get("id").asString();
        assertThat(get(ada, "/api/agents/" + id).json().get("id").asString()).isEqualTo(id);
        // an agent id route under the same prefix is still an agent's
        assertThat(get(ada, "/api/agents/" + id + "/expanded").status()).isEqualTo(200);
        // "tools" is not read as an agent id: the list answers, not the agent route's 404
        Http.Response tools = get(ada, "/api/agents/tools");
        assertThat(tools.status()).isEqualTo(200);
        assertThat(tools.json().isArray()).isTrue();
        assertThat(get(ada, "/api/agents/tools/calls").status()).isEqualTo(200);
    }

    @Test
    void aCallerWithoutATokenIsRefused() {
        assertThat(http.get("/api/agents/tools").status()).isEqualTo(401);
        assertThat(http.get("/api/agents/tools/web_search/auth").status()).isEqualTo(401);
        assertThat(http.get("/api/agents/tools/calls?conversationId=x").status()).isEqualTo(401);
    }
}
