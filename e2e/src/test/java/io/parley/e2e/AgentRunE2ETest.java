package io.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.chat.provider.fake.FakeOpenAi;
import io.parley.common.test.EverythingServer;
import io.parley.common.test.Http;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A saved agent's turn across services: chat-service loads the agent from agent-service over gRPC with
 * the person's token (agent-service asks auth-service's Access), runs it on the agent's provider and
 * records the turn as LibreChat does; a person the agent is not shared with cannot run it.
 */
class AgentRunE2ETest extends E2ETest {

    private final String tenant = "agentrun-" + UUID.randomUUID().toString().substring(0, 8);

    private Http.Response as(String auth, String method, String path, String body) {
        return http.send(method, path, body, "X-Tenant", tenant, "Authorization", auth, "X-Forwarded-For", ip,
                "User-Agent", BROWSER);
    }

    private String signIn() {
        String email = uniqueEmail();
        assertThat(post("/api/auth/register", """
                {"name":"Agent Runner","username":"","email":"%s","password":"%s","confirm_password":"%s"}"""
                .formatted(email, PASSWORD, PASSWORD), "X-Tenant", tenant).status()).isLessThan(300);
        return bearer(post("/api/auth/login", "{\"email\":\"%s\",\"password\":\"%s\"}".formatted(email, PASSWORD),
                "X-Tenant", tenant));
    }

    private static String turn(String agentId) {
        return """
                {"text":"Hello agent","sender":"User","isCreatedByUser":true,"endpoint":"agents","agent_id":"%s",
                 "parentMessageId":"00000000-0000-0000-0000-000000000000"}""".formatted(agentId);
    }

    @Test
    void anAgentOnTheOfflineDemoRunsForItsAuthorAndIsNotFoundForOthers() {
        String ada = signIn();
        String bob = signIn();
        Http.Response created = as(ada, "POST", "/api/agents", """
                {"name":"Demo agent","instructions":"Be brief","provider":"offline-demo","model":"parley-demo"}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String agentId = created.json().get("id").asString();

        assertThat(as(ada, "GET", "/api/endpoints", null).body()).contains("\"agents\"");
        Http.Response refused = as(bob, "POST", "/api/agents/chat/agents", turn(agentId));
        assertThat(refused.status()).as(refused.body()).isEqualTo(404);

        Http.Response started = as(ada, "POST", "/api/agents/chat/agents", turn(agentId));
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String convo = started.json().get("conversationId").asString();
        Http.Response stream = as(ada, "GET", "/api/agents/chat/stream/" + convo, null);
        assertThat(stream.body()).contains("\"final\":true");

        JsonNode answer = as(ada, "GET", "/api/messages/" + convo, null).json().get(1);
        assertThat(answer.get("endpoint").asString()).isEqualTo("agents");
        assertThat(answer.get("model").asString()).isEqualTo(agentId);
        assertThat(answer.get("sender").asString()).isEqualTo("Demo agent");
        assertThat(answer.at("/content/0/text").asString()).contains("Hello agent");
        JsonNode conversation = as(ada, "GET", "/api/convos/" + convo, null).json();
        assertThat(conversation.get("agent_id").asString()).isEqualTo(agentId);
        assertThat(conversation.get("endpoint").asString()).isEqualTo("agents");
    }

    /**
     * The whole tool path with real pieces: a model asks for an MCP tool of the agent, chat-service lists
     * and calls it through mcp-service with the person's token, mcp-service reaches server-everything
     * over Streamable HTTP, and the tool's output goes back to the model and into the saved answer.
     */
    @Test
    void anAgentsModelCallsARealMcpToolThroughMcpServiceAndAnswersWithItsResult() {
        EverythingServer everything = EverythingServer.get();
        Assumptions.assumeTrue(everything.available(), "node and npm are needed to run server-everything");
        String ada = signIn(); // the tenant's first person: ADMIN, who may add MCP servers
        Http.Response server = as(ada, "POST", "/api/mcp/servers", """
                {"config":{"type":"streamable-http","title":"E2E Tools","url":"%s"}}""".formatted(everything.streamableUrl()));
        assertThat(server.status()).as(server.body()).isEqualTo(201);
        String tool = "echo_mcp_e2e_tools";
        Http.Response created = as(ada, "POST", "/api/agents", """
                {"name":"Echo agent","instructions":"Use your tools","provider":"%s","model":"fake-model","tools":["%s"]}"""
                .formatted(ParleySystem.MODEL_ENDPOINT, tool));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        FakeOpenAi model = ParleySystem.model().clearRequests().callTool(tool, "{\"message\":\"ping from e2e\"}");
        try {
            Http.Response started = as(ada, "POST", "/api/agents/chat/agents", turn(created.json().get("id").asString()));
            assertThat(started.status()).as(started.body()).isEqualTo(200);
            String convo = started.json().get("conversationId").asString();
            String stream = as(ada, "GET", "/api/agents/chat/stream/" + convo, null).body();
            assertThat(stream).contains("\"on_run_step_completed\"").contains("\"final\":true");

            JsonNode answer = as(ada, "GET", "/api/messages/" + convo, null).json().get(1);
            JsonNode call = null;
            for (JsonNode part : answer.get("content")) {
                if ("tool_call".equals(part.path("type").asString())) {
                    call = part.get("tool_call");
                }
            }
            assertThat(call).as("a tool_call part in " + answer).isNotNull();
            assertThat(call.get("name").asString()).isEqualTo(tool);
            assertThat(call.get("output").asString()).contains("Echo: ping from e2e");
            assertThat(model.requests()).as("the tool's output went back to the model")
                    .anySatisfy(r -> assertThat(r.body()).contains("\"role\":\"tool\"").contains("Echo: ping from e2e"));
        } finally {
            model.healthy();
        }
    }
}
