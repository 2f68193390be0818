package io.parley.chat.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.parley.chat.ChatIntegrationTest;
import io.parley.chat.FakeAgentServices;
import io.parley.chat.SseStream;
import io.parley.common.test.Http;
import io.parley.proto.agent.v1.Agent;
import io.parley.proto.mcp.v1.CallToolResponse;
import io.parley.proto.mcp.v1.Content;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns of saved agents ({@code endpoint=agents}) end to end in one chat-service: the agent comes from
 * a fake agent-service over gRPC, its MCP tools from a fake mcp-service, and the model is a fake
 * provider that asks for a tool and, once it has the result, answers.
 */
class AgentRunIntegrationTest extends ChatIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String NO_PARENT = "00000000-0000-0000-0000-000000000000";
    private static final String WEATHER = "get_weather_mcp_weather";
    private static final String SCHEMA = """
            {"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""";
    private static final String ARGS = "{\"city\":\"Paris\"}";

    private static String agentId() {
        return "agent_" + uuid().replace("-", "").substring(0, 21);
    }

    private static Agent.Builder agent(String id, String provider, String model) {
        return Agent.newBuilder().setId(id).setObjectId("0123456789abcdef01234567").setName("Weather bot")
                .setInstructions("You report the weather.").setProvider(provider).setModel(model)
                .setModelParametersJson("{\"temperature\":0.2}").addTools(WEATHER).addMcpServerNames("weather");
    }

    private static String turn(String agentId, String text) {
        return """
                {"text":"%s","sender":"User","isCreatedByUser":true,"parentMessageId":"%s","messageId":"%s",
                 "endpoint":"agents","agent_id":"%s","isTemporary":false}""".formatted(text, NO_PARENT, uuid(), agentId);
    }

    private void weatherTool() {
        AGENTS.tool("weather", "get_weather", "The weather of a city", SCHEMA,
                args -> FakeAgentServices.text("Sunny, 21 °C"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String body) {
        return JSON.readValue(body, Map.class);
    }

    private String start(Person who, String body) {
        Http.Response started = post(who, "/api/agents/chat/agents", body);
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        return (String) json(started.body()).get("conversationId");
    }

    private List<SseStream.Event> follow(Person who, String convo, String query) throws Exception {
        try (SseStream stream = new SseStream("http://127.0.0.1:" + port + "/api/agents/chat/stream/" + convo + query,
                who.auth())) {
            return stream.rest();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> content(Map<String, Object> message) {
        return (List<Map<String, Object>>) message.get("content");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> savedAnswer(Person who, String convo) {
        List<Map<String, Object>> saved = JSON.readValue(get(who, "/api/messages/" + convo).body(), List.class);
        assertThat(saved).hasSize(2);
        return saved.get(1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> request(String body) {
        return JSON.readValue(body, Map.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAgentCallsItsMcpToolAndAnswersWithTheResultStreamingLibreChatsToolEvents() throws Exception {
        Person alice = person();
        String id = agentId();
        AGENTS.agent(agent(id, "FakeAI", "fake-model").build(), alice.id());
        weatherTool();
        MODEL.callTool(WEATHER, ARGS).tokens(3);

        String convo = start(alice, turn(id, "Weather in Paris?"));
        List<SseStream.Event> events = follow(alice, convo, "");

        List<Object> names = events.stream().map(e -> e.data().containsKey("created") ? "created"
                : e.isFinal() ? "final" : e.event()).toList();
        assertThat(names).containsSubsequence("created", "on_run_step", "on_run_step_delta", "on_run_step_completed",
                "on_run_step", "on_message_delta", "on_run_step_closed", "final");
        assertThat(names.indexOf("on_message_delta")).isGreaterThan(names.indexOf("on_run_step_completed"));
        Map<String, Object> toolStep = (Map<String, Object>) events.stream().filter(e -> "on_run_step".equals(e.event()))
                .findFirst().orElseThrow().data().get("data");
        assertThat(toolStep).containsEntry("type", "tool_calls").containsEntry("index", 0);
        Map<String, Object> call = ((List<Map<String, Object>>) ((Map<String, Object>) toolStep.get("stepDetails"))
                .get("tool_calls")).getFirst();
        assertThat(call).containsEntry("name", WEATHER);
        String streamedArgs = events.stream().filter(e -> "on_run_step_delta".equals(e.event()))
                .map(e -> ((List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>) e.data().get("data"))
                        .get("delta")).get("tool_calls")).getFirst().get("args").toString())
                .reduce("", String::concat);
        assertThat(streamedArgs).isEqualTo(ARGS);
        Map<String, Object> completed = (Map<String, Object>) ((Map<String, Object>) events.stream()
                .filter(e -> "on_run_step_completed".equals(e.event())).findFirst().orElseThrow().data().get("data"))
                .get("result");
        assertThat((Map<String, Object>) completed.get("tool_call")).containsEntry("id", call.get("id"))
                .containsEntry("name", WEATHER).containsEntry("args", ARGS).containsEntry("output", "Sunny, 21 °C");
        assertThat(completed).containsEntry("id", toolStep.get("id"));

        // the person's token reached mcp-service from the job, with the model's arguments
        assertThat(AGENTS.calls).singleElement().satisfies(seen -> {
            assertThat(seen.caller()).isEqualTo(alice.id());
            assertThat(seen.server()).isEqualTo("weather");
            assertThat(seen.tool()).isEqualTo("get_weather");
            assertThat(json(seen.argumentsJson())).isEqualTo(json(ARGS));
        });
        assertThat(AGENTS.listings).singleElement().satisfies(l -> assertThat(l.getServersList()).containsExactly("weather"));

        // the model saw the agent's instructions, parameters and tool, then the tool's result
        List<Map<String, Object>> sent = MODEL.requests().stream().filter(r -> r.body().contains("\"stream\":true"))
                .map(r -> request(r.body())).toList();
        assertThat(sent).hasSize(2);
        Map<String, Object> first = sent.getFirst();
        assertThat(first).containsEntry("model", "fake-model").containsEntry("temperature", 0.2);
        List<Map<String, Object>> firstMessages = (List<Map<String, Object>>) first.get("messages");
        assertThat(firstMessages.getFirst()).containsEntry("role", "system").containsEntry("content", "You report the weather.");
        Map<String, Object> function = (Map<String, Object>) ((List<Map<String, Object>>) first.get("tools")).getFirst()
                .get("function");
        assertThat(function).containsEntry("name", WEATHER).containsEntry("description", "The weather of a city")
                .containsEntry("parameters", json(SCHEMA));
        List<Map<String, Object>> secondMessages = (List<Map<String, Object>>) sent.get(1).get("messages");
        assertThat(secondMessages).extracting(m -> m.get("role")).containsExactly("system", "user", "assistant", "tool");
        Map<String, Object> asked = secondMessages.get(2);
        assertThat(((List<Map<String, Object>>) asked.get("tool_calls")).getFirst()).containsEntry("id", call.get("id"));
        assertThat(secondMessages.getLast()).containsEntry("tool_call_id", call.get("id"))
                .containsEntry("content", "Sunny, 21 °C");

        // saved in LibreChat's shape: the tool call, then the answer; model is the agent's id
        Map<String, Object> fin = (Map<String, Object>) events.getLast().data().get("responseMessage");
        Map<String, Object> saved = savedAnswer(alice, convo);
        for (Map<String, Object> answer : List.of(fin, saved)) {
            assertThat(answer).containsEntry("endpoint", "agents").containsEntry("model", id)
                    .containsEntry("sender", "Weather bot").containsEntry("text", "");
            assertThat(content(answer)).extracting(p -> p.get("type")).containsExactly("tool_call", "text");
            assertThat((Map<String, Object>) content(answer).getFirst().get("tool_call")).containsEntry("name", WEATHER)
                    .containsEntry("args", ARGS).containsEntry("output", "Sunny, 21 °C");
            assertThat(content(answer).get(1).get("text")).isEqualTo("word1 word2 word3 ");
        }
        Map<String, Object> conversation = json(get(alice, "/api/convos/" + convo).body());
        assertThat(conversation).containsEntry("endpoint", "agents").containsEntry("agent_id", id)
                .containsEntry("model", "fake-model");
        assertThat(AUTH.begins).singleElement().satisfies(b -> assertThat(b.getModel()).isEqualTo("fake-model"));
        assertThat(AUTH.settles).extracting(s -> s.getContext()).contains("message");

        // a client that comes back gets the tool call in the synced content
        Map<String, Object> sync = follow(alice, convo, "?resume=true").getFirst().data();
        List<Map<String, Object>> synced = (List<Map<String, Object>>) ((Map<String, Object>) sync.get("resumeState"))
                .get("aggregatedContent");
        assertThat(synced).isEqualTo(content(saved));
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAnthropicAgentGetsToolUseBlocksAndTheToolResultBack() throws Exception {
        Person alice = person();
        String id = agentId();
        AGENTS.agent(agent(id, "anthropic", "claude-fake").build(), alice.id());
        weatherTool();
        CLAUDE.callTool(WEATHER, ARGS).tokens(2);

        String convo = start(alice, turn(id, "Weather in Paris?"));
        assertThat(follow(alice, convo, "").getLast().isFinal()).isTrue();

        List<Map<String, Object>> sent = CLAUDE.requests().stream().filter(r -> r.body().contains("\"stream\":true"))
                .map(r -> request(r.body())).toList();
        assertThat(sent).hasSize(2);
        assertThat(sent.getFirst()).containsEntry("system", "You report the weather.");
        assertThat(((List<Map<String, Object>>) sent.getFirst().get("tools")).getFirst())
                .containsEntry("name", WEATHER).containsEntry("input_schema", json(SCHEMA));
        List<Map<String, Object>> messages = (List<Map<String, Object>>) sent.get(1).get("messages");
        assertThat(messages).extracting(m -> m.get("role")).containsExactly("user", "assistant", "user");
        Map<String, Object> toolUse = ((List<Map<String, Object>>) messages.get(1).get("content")).getLast();
        assertThat(toolUse).containsEntry("type", "tool_use").containsEntry("name", WEATHER)
                .containsEntry("input", json(ARGS));
        Map<String, Object> result = ((List<Map<String, Object>>) messages.get(2).get("content")).getFirst();
        assertThat(result).containsEntry("type", "tool_result").containsEntry("tool_use_id", toolUse.get("id"))
                .containsEntry("content", "Sunny, 21 °C");
        assertThat(AGENTS.calls).singleElement().satisfies(c -> assertThat(json(c.argumentsJson())).isEqualTo(json(ARGS)));
        assertThat(content(savedAnswer(alice, convo))).extracting(p -> p.get("type")).containsExactly("tool_call", "text");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aGeminiAgentGetsFunctionDeclarationsAndTheFunctionResponseBackWithTheCallsSignature() throws Exception {
        Person alice = person();
        String id = agentId();
        AGENTS.agent(agent(id, "google", "gemini-fake").build(), alice.id());
        weatherTool();
        GEMINI.callTool(WEATHER, ARGS).tokens(2);

        String convo = start(alice, turn(id, "Weather in Paris?"));
        assertThat(follow(alice, convo, "").getLast().isFinal()).isTrue();

        List<Map<String, Object>> sent = GEMINI.requests().stream().filter(r -> r.path().contains("streamGenerateContent"))
                .map(r -> request(r.body())).toList();
        assertThat(sent).hasSize(2);
        Map<String, Object> declared = ((List<Map<String, Object>>) ((List<Map<String, Object>>) sent.getFirst().get("tools"))
                .getFirst().get("functionDeclarations")).getFirst();
        assertThat(declared).containsEntry("name", WEATHER).containsEntry("parametersJsonSchema", json(SCHEMA));
        List<Map<String, Object>> contents = (List<Map<String, Object>>) sent.get(1).get("contents");
        assertThat(contents).extracting(c -> c.get("role")).containsExactly("user", "model", "user");
        Map<String, Object> called = ((List<Map<String, Object>>) contents.get(1).get("parts")).getLast();
        assertThat((Map<String, Object>) called.get("functionCall")).containsEntry("name", WEATHER)
                .containsEntry("args", json(ARGS));
        assertThat((String) called.get("thoughtSignature")).as("the signature the call came with").startsWith("sig-");
        Map<String, Object> response = (Map<String, Object>) ((List<Map<String, Object>>) contents.get(2).get("parts"))
                .getFirst().get("functionResponse");
        assertThat(response).containsEntry("name", WEATHER).containsEntry("response", Map.of("output", "Sunny, 21 °C"));
        assertThat(AGENTS.calls).singleElement().satisfies(c -> assertThat(json(c.argumentsJson())).isEqualTo(json(ARGS)));
        assertThat(content(savedAnswer(alice, convo))).extracting(p -> p.get("type")).containsExactly("tool_call", "text");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRecursionLimitStopsAModelThatCallsToolsForever() throws Exception {
        Person alice = person();
        String id = agentId();
        AGENTS.agent(agent(id, "FakeAI", "fake-model").setRecursionLimit(5).build(), alice.id());
        weatherTool();
        MODEL.callToolForever(WEATHER, ARGS);

        String convo = start(alice, turn(id, "Weather forever"));
        SseStream.Event fin = follow(alice, convo, "").getLast();
        assertThat(fin.isFinal()).isTrue();
        assertThat(fin.data()).doesNotContainKey("aborted");

        // steps: model, tools, model, tools, model — the fifth asks for tools again and the run stops
        assertThat(MODEL.requests().stream().filter(r -> r.body().contains("\"stream\":true"))).hasSize(3);
        assertThat(AGENTS.calls).hasSize(2);
        Map<String, Object> saved = savedAnswer(alice, convo);
        assertThat(content(saved)).extracting(p -> p.get("type"))
                .containsExactly("tool_call", "tool_call", "tool_call", "error");
        assertThat((String) content(saved).getLast().get("error")).contains("Recursion limit of 5 reached");
        assertThat(saved).containsEntry("unfinished", false).containsEntry("error", false);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aToolWhoseServerWantsASignInShowsLibreChatsAuthLinkOnTheCallAndTheRunGoesOn() throws Exception {
        Person alice = person();
        String id = agentId();
        String authUrl = "https://auth.example.com/authorize?client_id=parley&redirect_uri="
                + "https%3A%2F%2Fchat.example.com%2Fapi%2Fmcp%2Fcalendar%2Foauth%2Fcallback&state=s";
        AGENTS.signInRequired("calendar", authUrl);
        AGENTS.agent(agent(id, "FakeAI", "fake-model").clearTools().clearMcpServerNames().addTools("events_mcp_calendar")
                .addMcpServerNames("calendar").build(), alice.id());
        MODEL.callTool("events_mcp_calendar", "{}").tokens(2);
        long before = System.currentTimeMillis();

        String convo = start(alice, turn(id, "What is on today?"));
        List<SseStream.Event> events = follow(alice, convo, "");

        // offered by name although its server could not list it before the sign-in
        Map<String, Object> offered = (Map<String, Object>) ((List<Map<String, Object>>) request(MODEL.requests().stream()
                .filter(r -> r.body().contains("\"stream\":true")).findFirst().orElseThrow().body()).get("tools")).getFirst()
                .get("function");
        assertThat(offered).containsEntry("name", "events_mcp_calendar");
        Map<String, Object> authDelta = events.stream().filter(e -> "on_run_step_delta".equals(e.event()))
                .map(e -> (Map<String, Object>) ((Map<String, Object>) e.data().get("data")).get("delta"))
                .filter(d -> d.containsKey("auth")).findFirst().orElseThrow();
        assertThat(authDelta).containsEntry("type", "tool_calls").containsEntry("auth", authUrl);
        assertThat(((Number) authDelta.get("expires_at")).longValue()).isGreaterThan(before);
        assertThat(((List<Map<String, Object>>) authDelta.get("tool_calls")).getFirst())
                .containsEntry("name", "events_mcp_calendar").containsEntry("args", "");

        assertThat(events.getLast().isFinal()).isTrue();
        Map<String, Object> toolMessage = ((List<Map<String, Object>>) request(MODEL.lastRequest().body()).get("messages"))
                .getLast();
        assertThat(toolMessage).containsEntry("role", "tool");
        assertThat((String) toolMessage.get("content")).startsWith("Error: Sign-in to MCP server 'calendar' is required");
        Map<String, Object> saved = savedAnswer(alice, convo);
        assertThat(saved).containsEntry("error", false);
        assertThat((Map<String, Object>) content(saved).getFirst().get("tool_call")).containsEntry("auth", authUrl)
                .containsKey("expires_at").containsEntry("progress", 1);
        assertThat(content(saved).get(1).get("text")).isEqualTo("word1 word2 ");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFailingToolReachesTheModelAsTheToolsOutput() throws Exception {
        Person alice = person();
        String id = agentId();
        AGENTS.tool("weather", "broken", "Always fails", "{}", args -> {
            throw Status.UNAVAILABLE.withDescription("connection refused").asRuntimeException();
        });
        AGENTS.tool("weather", "reporting", "Reports a failure", "{}", args -> CallToolResponse.newBuilder()
                .setIsError(true).addContent(Content.newBuilder().setType("text").setText("city unknown")).build());
        AGENTS.agent(agent(id, "FakeAI", "fake-model").clearTools().addTools("broken_mcp_weather").build(), alice.id());
        MODEL.callTool("broken_mcp_weather", "{}").tokens(2);

        String convo = start(alice, turn(id, "Try it"));
        assertThat(follow(alice, convo, "").getLast().isFinal()).isTrue();
        Map<String, Object> second = request(MODEL.lastRequest().body());
        Map<String, Object> toolMessage = ((List<Map<String, Object>>) second.get("messages")).getLast();
        assertThat(toolMessage).containsEntry("role", "tool")
                .containsEntry("content", "Error: the server weather cannot be reached");
        Map<String, Object> saved = savedAnswer(alice, convo);
        assertThat(saved).containsEntry("error", false);
        assertThat((Map<String, Object>) content(saved).getFirst().get("tool_call"))
                .containsEntry("output", "Error: the server weather cannot be reached");

        // a tool that runs and reports failure (MCP's isError): the model reads it as the output too
        String other = agentId();
        AGENTS.agent(agent(other, "FakeAI", "fake-model").clearTools().addTools("reporting_mcp_weather").build(), alice.id());
        MODEL.clearRequests().callTool("reporting_mcp_weather", "{}");
        String convo2 = start(alice, turn(other, "Try the other"));
        assertThat(follow(alice, convo2, "").getLast().isFinal()).isTrue();
        Map<String, Object> reported = ((List<Map<String, Object>>) request(MODEL.lastRequest().body()).get("messages")).getLast();
        assertThat(reported).containsEntry("content", "Error: city unknown");
    }

    @Test
    @SuppressWarnings("unchecked")
    void stoppingDuringAToolCallCancelsTheCallAndSavesWhatThereIsAsUnfinished() throws Exception {
        Person alice = person();
        String id = agentId();
        AGENTS.agent(agent(id, "FakeAI", "fake-model").build(), alice.id());
        weatherTool();
        AGENTS.hangs("weather", "get_weather");
        MODEL.callTool(WEATHER, ARGS);

        String convo = start(alice, turn(id, "Weather, slowly"));
        try (SseStream stream = new SseStream("http://127.0.0.1:" + port + "/api/agents/chat/stream/" + convo, alice.auth())) {
            assertThat(AGENTS.hanging.await(10, TimeUnit.SECONDS)).isTrue();
            Http.Response aborted = post(alice, "/api/agents/chat/abort", "{\"conversationId\":\"" + convo + "\"}");
            assertThat(aborted.status()).isEqualTo(200);
            assertThat(AGENTS.cancelled.await(10, TimeUnit.SECONDS)).as("the tool call was cancelled").isTrue();
            SseStream.Event fin = stream.rest().getLast();
            assertThat(fin.data()).containsEntry("final", true).containsEntry("aborted", true);
        }
        Map<String, Object> saved = savedAnswer(alice, convo);
        assertThat(saved).containsEntry("unfinished", true);
        assertThat(content(saved)).singleElement().satisfies(part -> assertThat((Map<String, Object>) part.get("tool_call"))
                .containsEntry("args", ARGS).doesNotContainKey("output"));
        assertThat(MODEL.requests().stream().filter(r -> r.body().contains("\"stream\":true"))).hasSize(1);
    }

    @Test
    void anUnknownAgentIs404AndNothingIsStored() {
        Person alice = person();
        Http.Response response = post(alice, "/api/agents/chat/agents", turn(agentId(), "Hello"));
        assertThat(response.status()).isEqualTo(404);
        assertThat(json(response.body())).containsEntry("error", "Not Found").containsEntry("message", "agent not found");
        assertNothingStored(alice);
    }

    @Test
    void anotherPersonsAgentThatIsNotSharedIs404AndNothingIsStored() throws Exception {
        Person alice = person();
        Person bob = person();
        String id = agentId();
        AGENTS.agent(agent(id, "FakeAI", "fake-model").build(), bob.id());
        Http.Response response = post(alice, "/api/agents/chat/agents", turn(id, "Hello"));
        assertThat(response.status()).isEqualTo(404);
        assertNothingStored(alice);
        // the same agent runs for the person it may view
        String convo = start(bob, turn(id, "Hello"));
        assertThat(follow(bob, convo, "").getLast().isFinal()).isTrue();
    }

    @Test
    void withoutAgentIdOrWithoutAgentsUseTheTurnIsRefused() {
        Person alice = person();
        Http.Response missing = post(alice, "/api/agents/chat/agents", """
                {"text":"Hello","parentMessageId":"%s","endpoint":"agents"}""".formatted(NO_PARENT));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(json(missing.body())).containsEntry("error", "Bad Request")
                .containsEntry("message", "agent_id is required in request body");

        String id = agentId();
        AGENTS.agent(agent(id, "FakeAI", "fake-model").build(), alice.id());
        AUTH.deniedPermissions.add("AGENTS.USE");
        Http.Response denied = post(alice, "/api/agents/chat/agents", turn(id, "Hello"));
        assertThat(denied.status()).isEqualTo(403);
        assertThat(json(denied.body())).containsEntry("message", "Forbidden: Insufficient permissions");
        assertNothingStored(alice);
    }

    @Test
    void anAgentWhoseProviderIsNotServedHereIs400() {
        Person alice = person();
        String id = agentId();
        AGENTS.agent(agent(id, "NotConfigured", "some-model").build(), alice.id());
        Http.Response response = post(alice, "/api/agents/chat/agents", turn(id, "Hello"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("NotConfigured");
        assertNothingStored(alice);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAgentsFileContextGoesWithItsInstructionsToTheModel() throws Exception {
        Person alice = person();
        String id = agentId();
        String handbook = uuid();
        FILES.put(alice.tenant(), io.parley.proto.file.v1.FileMetadata.newBuilder().setFileId(handbook).setUser(alice.id())
                .setFilename("handbook.md").setFilepath("/uploads/" + alice.id() + "/" + handbook).setType("text/markdown")
                .setBytes(30).setSource("local").setContext("agents").setText("Umbrellas are lent at the front desk.")
                .build(), new byte[30]);
        AGENTS.agent(agent(id, "FakeAI", "fake-model").clearTools().clearMcpServerNames()
                .setToolResourcesJson("{\"context\":{\"file_ids\":[\"" + handbook + "\"]},\"ocr\":{\"file_ids\":[]}}")
                .build(), alice.id());

        String convo = start(alice, turn(id, "Where do I get an umbrella?"));
        assertThat(follow(alice, convo, "").getLast().isFinal()).isTrue();

        Map<String, Object> sent = MODEL.requests().stream().map(r -> request(r.body()))
                .filter(body -> Boolean.TRUE.equals(body.get("stream"))).findFirst().orElseThrow();
        Map<String, Object> system = ((List<Map<String, Object>>) sent.get("messages")).getFirst();
        assertThat(system).containsEntry("role", "system");
        assertThat((String) system.get("content")).startsWith("You report the weather.\n\nAttached document(s):")
                .contains("# \"handbook.md\"\nUmbrellas are lent at the front desk.");
    }

    @SuppressWarnings("unchecked")
    private void assertNothingStored(Person who) {
        Map<String, Object> convos = json(get(who, "/api/convos").body());
        assertThat((List<Object>) convos.get("conversations")).isEmpty();
        assertThat(AUTH.begins).isEmpty();
    }
}
