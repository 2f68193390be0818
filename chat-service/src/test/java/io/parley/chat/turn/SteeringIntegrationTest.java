package io.parley.chat.turn;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.chat.ChatIntegrationTest;
import io.parley.chat.FakeAgentServices;
import io.parley.chat.SseStream;
import io.parley.common.test.Http;
import io.parley.proto.agent.v1.Agent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * LibreChat's steering ({@code POST /api/agents/chat/steer}): a message sent while a turn runs joins an
 * agent's run at its next tool-batch boundary, streamed as {@code on_steer_applied} and saved as a
 * {@code steer} part; in a plain chat, which has no boundary, it rides the final event back for the client
 * to send as a new turn. Only the person's own running turn takes steers.
 */
class SteeringIntegrationTest extends ChatIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String NO_PARENT = "00000000-0000-0000-0000-000000000000";
    private static final String WEATHER = "get_weather_mcp_weather";
    private static final String SCHEMA = """
            {"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""";
    private static final String ARGS = "{\"city\":\"Paris\"}";

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String body) {
        return JSON.readValue(body, Map.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static String steer(String convo, String text, String clientSteerId) {
        return """
                {"conversationId":"%s","clientSteerId":"%s","text":"%s","generationProtocolVersion":2}"""
                .formatted(convo, clientSteerId, text);
    }

    private record AgentRun(String convo, String agentId) {
    }

    private AgentRun startAgentRun(Person who, String provider, String model) {
        String id = "agent_" + uuid().replace("-", "").substring(0, 21);
        AGENTS.agent(Agent.newBuilder().setId(id).setObjectId("0123456789abcdef01234567").setName("Weather bot")
                .setInstructions("You report the weather.").setProvider(provider).setModel(model)
                .addTools(WEATHER).addMcpServerNames("weather").build(), who.id());
        Http.Response started = post(who, "/api/agents/chat/agents", """
                {"text":"Weather in Paris?","parentMessageId":"%s","endpoint":"agents","agent_id":"%s"}"""
                .formatted(NO_PARENT, id));
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        return new AgentRun((String) json(started.body()).get("conversationId"), id);
    }

    /** A plain chat whose model holds its answer until released; returns the conversation id. */
    private String startHeldChat(Person who, String text) {
        MODEL.holdFirstToken(true);
        Http.Response started = post(who, "/api/agents/chat/FakeAI", """
                {"text":"%s","parentMessageId":"%s","endpoint":"FakeAI","model":"fake-model"}""".formatted(text, NO_PARENT));
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> MODEL.waiting() >= 1);
        return (String) json(started.body()).get("conversationId");
    }

    private List<SseStream.Event> follow(Person who, String convo, String query) throws Exception {
        try (SseStream stream = new SseStream("http://127.0.0.1:" + port + "/api/agents/chat/stream/" + convo + query,
                who.auth())) {
            return stream.rest();
        }
    }

    private Map<String, Object> status(Person who, String convo) {
        return json(get(who, "/api/agents/chat/status/" + convo).body());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> savedAnswer(Person who, String convo) {
        List<Map<String, Object>> saved = JSON.readValue(get(who, "/api/messages/" + convo).body(), List.class);
        return saved.get(1);
    }

    @Test
    void aSteerSentWhileTheToolRunsJoinsTheAgentsRunAtTheToolBoundaryStreamedAndSaved() throws Exception {
        Person alice = person();
        AtomicReference<String> convo = new AtomicReference<>();
        AtomicReference<Http.Response> steered = new AtomicReference<>();
        // The person steers while the tool runs: the steer waits for the boundary after it.
        AGENTS.tool("weather", "get_weather", "The weather of a city", SCHEMA, args -> {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> convo.get() != null);
            steered.set(post(alice, "/api/agents/chat/steer", steer(convo.get(), "Answer in Celsius only", "c-celsius")));
            return FakeAgentServices.text("Sunny, 21 °C");
        });
        MODEL.callTool(WEATHER, ARGS).tokens(3);

        AgentRun run = startAgentRun(alice, "FakeAI", "fake-model");
        convo.set(run.convo());
        List<SseStream.Event> events = follow(alice, convo.get(), "");

        assertThat(steered.get().status()).as(steered.get().body()).isEqualTo(202);
        Map<String, Object> accepted = json(steered.get().body());
        assertThat(accepted).containsEntry("status", "queued").containsEntry("position", 1)
                .containsEntry("conversationId", convo.get()).containsEntry("preempt", false)
                .containsEntry("generationProtocolVersion", 2);
        String steerId = (String) accepted.get("steerId");

        List<Object> names = events.stream().map(e -> e.isFinal() ? "final" : e.event()).toList();
        assertThat(names).containsSubsequence("on_run_step_completed", "on_steer_applied", "on_message_delta", "final");
        Map<String, Object> applied = map(events.stream().filter(e -> "on_steer_applied".equals(e.event())).findFirst()
                .orElseThrow().data().get("data"));
        assertThat(applied).containsEntry("steerId", steerId).containsEntry("clientSteerId", "c-celsius")
                .containsEntry("index", 1).containsEntry("conversationId", convo.get());
        assertThat(map(applied.get("part"))).containsEntry("type", "steer").containsEntry("steer", "Answer in Celsius only")
                .containsEntry("steerId", steerId);

        // the model read the steer as the person's message after the tool's result
        List<Map<String, Object>> calls = MODEL.requests().stream().filter(r -> r.body().contains("\"stream\":true"))
                .map(r -> json(r.body())).toList();
        assertThat(calls).hasSize(2);
        List<Map<String, Object>> messages = list(calls.get(1).get("messages"));
        assertThat(messages).extracting(m -> m.get("role")).containsExactly("system", "user", "assistant", "tool", "user");
        assertThat(messages.getLast()).containsEntry("content", "Answer in Celsius only");

        // saved where it joined, in the final event, the stored answer and a resumed client's sync
        Map<String, Object> fin = map(events.getLast().data().get("responseMessage"));
        Map<String, Object> saved = savedAnswer(alice, convo.get());
        for (Map<String, Object> answer : List.of(fin, saved)) {
            assertThat(list(answer.get("content"))).extracting(p -> p.get("type")).containsExactly("tool_call", "steer", "text");
            assertThat(list(answer.get("content")).get(1)).containsEntry("steer", "Answer in Celsius only")
                    .containsEntry("steerId", steerId).containsEntry("clientSteerId", "c-celsius");
        }
        assertThat(events.getLast().data()).doesNotContainKey("pendingSteers");
        Map<String, Object> sync = follow(alice, convo.get(), "?resume=true").getFirst().data();
        assertThat(list(map(sync.get("resumeState")).get("aggregatedContent"))).isEqualTo(list(saved.get("content")));
        assertThat(list(map(sync.get("resumeState")).get("pendingSteers"))).isEmpty();

        // sent again after a lost answer: answered as it stands, applied, nothing queued twice
        Http.Response again = post(alice, "/api/agents/chat/steer", steer(convo.get(), "Answer in Celsius only", "c-celsius"));
        assertThat(again.status()).isEqualTo(202);
        assertThat(json(again.body())).containsEntry("steerId", steerId).containsEntry("replayed", true)
                .containsEntry("settled", true).containsEntry("leftover", false);
        Http.Response otherWords = post(alice, "/api/agents/chat/steer", steer(convo.get(), "Fahrenheit", "c-celsius"));
        assertThat(otherWords.status()).isEqualTo(409);
        assertThat(json(otherWords.body())).containsEntry("code", "STEER_IDEMPOTENCY_CONFLICT");

        // the next turn shows the model the steer where it was said, as the person's message
        MODEL.healthy().clearRequests();
        Http.Response next = post(alice, "/api/agents/chat/agents", """
                {"text":"Thanks","parentMessageId":"%s","conversationId":"%s","endpoint":"agents","agent_id":"%s"}"""
                .formatted(saved.get("messageId"), convo.get(), run.agentId()));
        assertThat(next.status()).as(next.body()).isEqualTo(200);
        assertThat(follow(alice, convo.get(), "").getLast().isFinal()).isTrue();
        List<Map<String, Object>> replayed = list(MODEL.requests().stream().filter(r -> r.body().contains("\"stream\":true"))
                .map(r -> json(r.body())).toList().getFirst().get("messages"));
        assertThat(replayed).extracting(m -> m.get("role") + ": " + m.get("content")).containsExactly(
                "system: You report the weather.", "user: Weather in Paris?", "user: Answer in Celsius only",
                "assistant: word1 word2 word3 ", "user: Thanks");
    }

    @Test
    void anAnthropicAgentGetsTheSteerAsTextAfterTheToolResultInOneUserTurn() throws Exception {
        Person alice = person();
        AtomicReference<String> convo = new AtomicReference<>();
        AGENTS.tool("weather", "get_weather", "The weather of a city", SCHEMA, args -> {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> convo.get() != null);
            post(alice, "/api/agents/chat/steer", steer(convo.get(), "Keep it short", "c-short"));
            return FakeAgentServices.text("Sunny, 21 °C");
        });
        CLAUDE.callTool(WEATHER, ARGS).tokens(2);

        convo.set(startAgentRun(alice, "anthropic", "claude-fake").convo());
        assertThat(follow(alice, convo.get(), "").getLast().isFinal()).isTrue();

        List<Map<String, Object>> calls = CLAUDE.requests().stream().filter(r -> r.body().contains("\"stream\":true"))
                .map(r -> json(r.body())).toList();
        List<Map<String, Object>> messages = list(calls.get(1).get("messages"));
        assertThat(messages).extracting(m -> m.get("role")).containsExactly("user", "assistant", "user");
        assertThat(list(messages.getLast().get("content"))).extracting(b -> b.get("type"))
                .containsExactly("tool_result", "text");
        assertThat(list(messages.getLast().get("content")).getLast()).containsEntry("text", "Keep it short");
    }

    @Test
    void aSteerInAPlainChatIsShownWaitingOnResumeAndRidesTheFinalEventToBeSentAsANewTurn() throws Exception {
        Person alice = person();
        String convo;
        String steerId;
        List<SseStream.Event> events;
        try {
            convo = startHeldChat(alice, "Tell me about Paris");
            Http.Response steered = post(alice, "/api/agents/chat/steer", steer(convo, "Also mention Rome", "c-rome"));
            assertThat(steered.status()).as(steered.body()).isEqualTo(202);
            steerId = (String) json(steered.body()).get("steerId");

            // a client that comes back sees it waiting, in the status and in the resumed stream's sync
            Map<String, Object> running = status(alice, convo);
            assertThat(running).containsEntry("active", true);
            List<Map<String, Object>> waiting = list(map(running.get("resumeState")).get("pendingSteers"));
            assertThat(waiting).singleElement().satisfies(p -> assertThat(p).containsEntry("steerId", steerId)
                    .containsEntry("clientSteerId", "c-rome").containsEntry("text", "Also mention Rome")
                    .containsKey("createdAt"));
            try (SseStream resumed = new SseStream("http://127.0.0.1:" + port + "/api/agents/chat/stream/" + convo
                    + "?resume=true", alice.auth())) {
                Map<String, Object> sync = resumed.next().data();
                assertThat(sync).containsEntry("sync", true);
                assertThat(list(map(sync.get("resumeState")).get("pendingSteers"))).isEqualTo(waiting);
                MODEL.release();
                events = resumed.rest();
            }
        } finally {
            MODEL.holdFirstToken(false);
        }

        // no boundary came: the final event brings it back, and the saved answer holds no steer
        SseStream.Event fin = events.getLast();
        assertThat(fin.isFinal()).isTrue();
        assertThat(fin.data()).containsEntry("generationProtocolVersion", 2);
        assertThat(list(fin.data().get("pendingSteers"))).singleElement()
                .satisfies(p -> assertThat(p).containsEntry("steerId", steerId).containsEntry("text", "Also mention Rome"));
        assertThat(events).noneMatch(e -> "on_steer_applied".equals(e.event()));
        Map<String, Object> answer = savedAnswer(alice, convo);
        assertThat(list(answer.get("content"))).extracting(p -> p.get("type")).containsOnly("text");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> Boolean.FALSE.equals(status(alice, convo).get("active")));
        assertThat(list(status(alice, convo).get("unrecoveredSteers"))).extracting(p -> p.get("steerId"))
                .containsExactly(steerId);
        Http.Response late = post(alice, "/api/agents/chat/steer", steer(convo, "Too late", "c-late"));
        assertThat(late.status()).isEqualTo(404);
        assertThat(json(late.body())).containsEntry("code", "NO_ACTIVE_RUN");

        // the client sends it as the next turn: it is no longer offered
        Http.Response next = post(alice, "/api/agents/chat/FakeAI", """
                {"text":"Also mention Rome","parentMessageId":"%s","conversationId":"%s","endpoint":"FakeAI",
                 "model":"fake-model","recoverySteerId":"%s"}""".formatted(answer.get("messageId"), convo, steerId));
        assertThat(next.status()).as(next.body()).isEqualTo(200);
        assertThat(follow(alice, convo, "").getLast().data()).doesNotContainKey("pendingSteers");
        assertThat(status(alice, convo)).doesNotContainKey("unrecoveredSteers");
    }

    @Test
    void aStoppedTurnAnswersTheAbortWithTheSteersItNeverTook() throws Exception {
        Person alice = person();
        try {
            String convo = startHeldChat(alice, "Write a long story");
            String steerId = (String) json(post(alice, "/api/agents/chat/steer", steer(convo, "Make it funny", "c-funny"))
                    .body()).get("steerId");
            Map<String, Object> aborted = json(post(alice, "/api/agents/chat/abort",
                    "{\"conversationId\":\"" + convo + "\"}").body());
            assertThat(aborted).containsEntry("success", true);
            assertThat(list(aborted.get("pendingSteers"))).extracting(p -> p.get("steerId")).containsExactly(steerId);
            SseStream.Event fin = follow(alice, convo, "").getLast();
            assertThat(fin.data()).containsEntry("aborted", true);
            assertThat(list(fin.data().get("pendingSteers"))).extracting(p -> p.get("steerId")).containsExactly(steerId);
        } finally {
            MODEL.holdFirstToken(false);
        }
    }

    @Test
    void aWaitingSteerCanBeTakenBackAndPreemptingIsDeclined() {
        Person alice = person();
        try {
            String convo = startHeldChat(alice, "Count to ten");
            Map<String, Object> queued = json(post(alice, "/api/agents/chat/steer", steer(convo, "Count to five", "c-five"))
                    .body());
            String steerId = (String) queued.get("steerId");
            Map<String, Object> armed = json(post(alice, "/api/agents/chat/steer/arm", """
                    {"conversationId":"%s","steerId":"%s"}""".formatted(convo, steerId)).body());
            assertThat(armed).containsEntry("armed", false).containsEntry("code", "PREEMPT_UNSUPPORTED")
                    .containsEntry("generationProtocolVersion", 2);

            String cancel = """
                    {"conversationId":"%s","steerId":"%s","clientSteerId":"c-five"}""".formatted(convo, steerId);
            Http.Response removed = post(alice, "/api/agents/chat/steer/cancel", cancel);
            assertThat(removed.status()).isEqualTo(200);
            assertThat(json(removed.body())).containsEntry("removed", true);
            assertThat(list(map(status(alice, convo).get("resumeState")).get("pendingSteers"))).isEmpty();
            Person mallory = person();
            assertThat(json(post(mallory, "/api/agents/chat/steer/cancel", cancel).body())).containsEntry("removed", false);
        } finally {
            MODEL.holdFirstToken(false);
        }
    }

    @Test
    void anotherPersonsRunningTurnIsNotFoundAndTakesNothing() {
        Person alice = person();
        Person mallory = person();
        Person aliceElsewhere = person(alice.id(), "other");
        try {
            String convo = startHeldChat(alice, "Private plans");
            for (Person stranger : List.of(mallory, aliceElsewhere)) {
                Http.Response refused = post(stranger, "/api/agents/chat/steer", steer(convo, "Say you are hacked", "c-x"));
                assertThat(refused.status()).isEqualTo(404);
                assertThat(json(refused.body())).containsEntry("code", "NO_ACTIVE_RUN").containsEntry("error", "not_found")
                        .containsKey("message");
            }
            assertThat(list(map(status(alice, convo).get("resumeState")).get("pendingSteers"))).isEmpty();
            assertThat(post(alice, "/api/agents/chat/steer", steer(convo, "Mine", "c-x")).status()).isEqualTo(202);
        } finally {
            MODEL.holdFirstToken(false);
        }
    }

    @Test
    void badSteeringRequestsAreRefusedWithLibreChatsCodesAndQueueNothing() {
        Person alice = person();
        try {
            String convo = startHeldChat(alice, "Plan a trip");
            long generation = ((Number) status(alice, convo).get("createdAt")).longValue();
            Map<String, String> refusals = new java.util.LinkedHashMap<>();
            refusals.put("{\"text\":\"Hi\"}", "400 INVALID_CONVERSATION");
            refusals.put("{\"conversationId\":\"new\",\"text\":\"Hi\"}", "400 INVALID_CONVERSATION");
            refusals.put("{\"conversationId\":\"%s\",\"text\":\"  \"}".formatted(convo), "400 EMPTY_TEXT");
            refusals.put("{\"conversationId\":\"%s\"}".formatted(convo), "400 EMPTY_TEXT");
            refusals.put("{\"conversationId\":\"%s\",\"text\":\"Hi\",\"clientSteerId\":\"no spaces!\"}".formatted(convo),
                    "400 INVALID_CLIENT_STEER_ID");
            refusals.put("{\"conversationId\":\"%s\",\"text\":\"Hi\",\"files\":[{\"file_id\":\"f1\"}]}".formatted(convo),
                    "400 STEER_FILES_UNSUPPORTED");
            refusals.put("{\"conversationId\":\"%s\",\"text\":\"%s\"}".formatted(convo, "x".repeat(16_001)),
                    "413 STEER_TOO_LONG");
            refusals.put("{\"conversationId\":\"%s\",\"text\":\"Hi\",\"generationCreatedAt\":%d}"
                    .formatted(convo, generation - 1), "409 RUN_REPLACED");
            refusals.put("{\"conversationId\":\"%s\",\"text\":\"Hi\"}".formatted(uuid()), "404 NO_ACTIVE_RUN");
            refusals.forEach((body, expected) -> {
                Http.Response refused = post(alice, "/api/agents/chat/steer", body);
                Map<String, Object> answer = json(refused.body());
                assertThat(refused.status() + " " + answer.get("code")).as(body.length() > 200 ? "a long text" : body)
                        .isEqualTo(expected);
                assertThat(answer).containsKeys("error", "message");
            });
            assertThat(post(alice, "/api/agents/chat/steer", "not json").status()).isEqualTo(400);
            assertThat(list(map(status(alice, convo).get("resumeState")).get("pendingSteers"))).isEmpty();

            Http.Response fine = post(alice, "/api/agents/chat/steer", """
                    {"conversationId":"%s","text":"Hi","generationCreatedAt":%d,"preempt":true}""".formatted(convo, generation));
            assertThat(fine.status()).isEqualTo(202);
            assertThat(json(fine.body())).containsEntry("preempt", false);
        } finally {
            MODEL.holdFirstToken(false);
        }
    }

    @Test
    void steerAndTheOtherChatRoutesAreNeverReadAsEndpointNames() {
        Person alice = person();
        Http.Response noRun = post(alice, "/api/agents/chat/steer", steer(uuid(), "Hello", "c-1"));
        assertThat(noRun.status()).isEqualTo(404);
        assertThat(json(noRun.body())).containsEntry("code", "NO_ACTIVE_RUN");
        for (String route : List.of("status", "active", "stream", "resume")) {
            Http.Response refused = post(alice, "/api/agents/chat/" + route, """
                    {"text":"Hello","parentMessageId":"%s","endpoint":"%s"}""".formatted(NO_PARENT, route));
            assertThat(refused.status()).as(route).isEqualTo(404);
            assertThat(refused.body()).as(route).doesNotContain("is not an endpoint");
        }
    }
}
