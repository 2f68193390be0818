package io.parley.chat.turn;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.chat.ChatIntegrationTest;
import io.parley.chat.SseStream;
import io.parley.chat.provider.fake.FakeServer;
import io.parley.common.test.Http;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Chat turns end to end in one chat-service: the wire events, what is saved, stopping and failing. */
class TurnIntegrationTest extends ChatIntegrationTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String NO_PARENT = "00000000-0000-0000-0000-000000000000";

    static String firstTurn(String text) {
        return """
                {"text":"%s","sender":"User","isCreatedByUser":true,"parentMessageId":"%s","messageId":"%s",
                 "error":false,"endpoint":"FakeAI","endpointType":"custom","model":"fake-model","isTemporary":false,
                 "isRegenerate":false,"isContinued":false,"generationProtocolVersion":2}""".formatted(text, NO_PARENT, uuid());
    }

    static String followUp(String text, String conversationId, String parentId) {
        return """
                {"text":"%s","sender":"User","isCreatedByUser":true,"parentMessageId":"%s","conversationId":"%s",
                 "messageId":"%s","endpoint":"FakeAI","endpointType":"custom","model":"fake-model"}"""
                .formatted(text, parentId, conversationId, uuid());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(Http.Response response) {
        return JSON.readValue(response.body(), Map.class);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Http.Response response) {
        return JSON.readValue(response.body(), List.class);
    }

    Map<String, Object> start(Person who, String body) {
        Http.Response started = post(who, "/api/agents/chat/FakeAI", body);
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        return json(started);
    }

    SseStream stream(Person who, String streamId, String query) throws Exception {
        return new SseStream("http://127.0.0.1:" + port + "/api/agents/chat/stream/" + streamId + query, who.auth());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTurnStreamsLibreChatsEventsInOrderAndSavesBothMessagesBeforeTheFinalEvent() throws Exception {
        Person alice = person();
        Map<String, Object> started = start(alice, firstTurn("Hello from the test"));
        assertThat(started).containsEntry("status", "started").containsKeys("generationCreatedAt");
        assertThat(started.get("streamId")).isEqualTo(started.get("conversationId"));

        List<SseStream.Event> events;
        try (SseStream stream = stream(alice, (String) started.get("streamId"), "")) {
            assertThat(stream.status).isEqualTo(200);
            events = stream.rest();
        }
        Map<String, Object> created = events.getFirst().data();
        assertThat(created).containsEntry("created", true).containsEntry("streamId", started.get("streamId"));
        Map<String, Object> userMessage = (Map<String, Object>) created.get("message");
        assertThat(userMessage).containsEntry("sender", "User").containsEntry("isCreatedByUser", true)
                .containsEntry("parentMessageId", NO_PARENT).containsEntry("text", "Hello from the test");
        assertThat(events.get(1).event()).isEqualTo("on_run_step");
        List<SseStream.Event> deltas = events.stream().filter(e -> "on_message_delta".equals(e.event())).toList();
        assertThat(deltas).hasSize(50);
        assertThat(events).anySatisfy(e -> assertThat(e.event()).isEqualTo("title"));
        assertThat(events.get(events.size() - 2).event()).isEqualTo("on_run_step_closed");
        SseStream.Event fin = events.getLast();
        assertThat(fin.isFinal()).isTrue();
        Map<String, Object> response = (Map<String, Object>) fin.data().get("responseMessage");
        assertThat(response).containsEntry("text", "").containsEntry("isCreatedByUser", false)
                .containsEntry("parentMessageId", userMessage.get("messageId")).containsEntry("sender", "FakeAI")
                .containsEntry("model", "fake-model").containsEntry("endpoint", "FakeAI");
        String answer = (String) ((List<Map<String, Object>>) response.get("content")).getFirst().get("text");
        assertThat(answer).startsWith("word1 word2 ").endsWith("word50 ");
        assertThat(((Map<String, Object>) fin.data().get("requestMessage")).get("messageId")).isEqualTo(userMessage.get("messageId"));
        assertThat((Map<String, Object>) fin.data().get("conversation")).containsEntry("conversationId", started.get("conversationId"));

        List<Map<String, Object>> saved = list(get(alice, "/api/messages/" + started.get("conversationId")));
        assertThat(saved).hasSize(2);
        assertThat(saved.get(1)).containsEntry("messageId", response.get("messageId")).containsEntry("unfinished", false)
                .containsEntry("error", false);
        assertThat(AUTH.begins).hasSize(1);
        assertThat(AUTH.settles).extracting(s -> s.getContext()).contains("message", "title");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFollowUpSendsTheBranchAsHistoryAndTheFirstClientMessageIdIsNotUsed() throws Exception {
        Person alice = person();
        Map<String, Object> started = start(alice, firstTurn("First question"));
        String convo = (String) started.get("conversationId");
        Map<String, Object> fin;
        try (SseStream stream = stream(alice, convo, "")) {
            fin = stream.rest().getLast().data();
        }
        String responseId = (String) ((Map<String, Object>) fin.get("responseMessage")).get("messageId");
        MODEL.clearRequests();
        start(alice, followUp("Second question", convo, responseId));
        try (SseStream stream = stream(alice, convo, "")) {
            assertThat(stream.rest().getLast().isFinal()).isTrue();
        }
        Map<String, Object> sent = JSON.readValue(MODEL.requests().stream()
                .filter(r -> r.body().contains("\"stream\":true")).findFirst().orElseThrow().body(), Map.class);
        List<Map<String, Object>> messages = (List<Map<String, Object>>) sent.get("messages");
        assertThat(messages).extracting(m -> m.get("role")).containsExactly("user", "assistant", "user");
        assertThat(messages.getLast()).containsEntry("content", "Second question");
        assertThat(list(get(alice, "/api/messages/" + convo))).hasSize(4);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aReconnectingClientResumesWithTheAnswerSoFarThenFollowsLive() throws Exception {
        Person alice = person();
        // Long enough that the reconnect surely happens mid-answer, even on a loaded machine.
        MODEL.delayMs(30).tokens(300);
        String convo = (String) start(alice, firstTurn("Resume me")).get("conversationId");
        try (SseStream first = stream(alice, convo, "");
             SseStream resumed = waitForDeltas(first, 5, () -> stream(alice, convo, "?resume=true"))) {
            SseStream.Event sync = resumed.next();
            assertThat(sync.data()).containsEntry("sync", true);
            Map<String, Object> state = (Map<String, Object>) sync.data().get("resumeState");
            List<Map<String, Object>> soFar = (List<Map<String, Object>>) state.get("aggregatedContent");
            assertThat((String) soFar.getFirst().get("text")).startsWith("word1 word2 word3 word4 word5 ");
            SseStream.Event live = resumed.next();
            while (!"on_message_delta".equals(live.event())) {
                assertThat(live.isFinal()).as("a live delta follows the sync event").isFalse();
                live = resumed.next();
            }
            post(alice, "/api/agents/chat/abort", "{\"conversationId\":\"" + convo + "\"}");
            assertThat(resumed.rest().getLast().isFinal()).isTrue();
        }
    }

    interface Opener {
        SseStream open() throws Exception;
    }

    /** Reads {@code count} deltas from {@code stream}, then opens another stream (a reconnect, a second tab). */
    static SseStream waitForDeltas(SseStream stream, int count, Opener then) throws Exception {
        for (int seen = 0; seen < count; ) {
            if ("on_message_delta".equals(stream.next().event())) {
                seen++;
            }
        }
        return then.open();
    }

    @Test
    @SuppressWarnings("unchecked")
    void stoppingATurnSavesThePartialAnswerMarkedUnfinished() throws Exception {
        Person alice = person();
        MODEL.delayMs(50).tokens(300);
        String convo = (String) start(alice, firstTurn("Stop me")).get("conversationId");
        try (SseStream stream = stream(alice, convo, "")) {
            for (int seen = 0; seen < 3; ) {
                if ("on_message_delta".equals(stream.next().event())) {
                    seen++;
                }
            }
            assertThat(json(get(alice, "/api/agents/chat/active")).get("activeJobIds")).isEqualTo(List.of(convo));
            Http.Response aborted = post(alice, "/api/agents/chat/abort", "{\"conversationId\":\"" + convo + "\"}");
            assertThat(json(aborted)).containsEntry("success", true).containsEntry("aborted", convo);
            SseStream.Event fin = stream.rest().getLast();
            assertThat(fin.data()).containsEntry("final", true).containsEntry("aborted", true);
            assertThat((Map<String, Object>) fin.data().get("responseMessage")).containsEntry("unfinished", true);
        }
        Map<String, Object> answer = list(get(alice, "/api/messages/" + convo)).get(1);
        assertThat(answer).containsEntry("unfinished", true).containsEntry("error", false);
        String partial = (String) ((List<Map<String, Object>>) answer.get("content")).getFirst().get("text");
        assertThat(partial).startsWith("word1 ").doesNotContain("word300");
        assertThat(json(get(alice, "/api/agents/chat/status/" + convo))).containsEntry("active", false)
                .containsEntry("status", "aborted");
        assertThat(AUTH.settles).extracting(s -> s.getContext()).contains("incomplete");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aProviderFailureMidStreamSavesThePartialAnswerMarkedAsError() throws Exception {
        Person alice = person();
        MODEL.failMidStream(5, FakeServer.Cut.ERROR_EVENT);
        String convo = (String) start(alice, firstTurn("Fail me")).get("conversationId");
        try (SseStream stream = stream(alice, convo, "")) {
            SseStream.Event last = stream.rest().getLast();
            assertThat(last.type()).isEqualTo("error");
            assertThat((String) last.data().get("error")).isNotBlank().doesNotContain("fake-key");
        }
        Map<String, Object> answer = list(get(alice, "/api/messages/" + convo)).get(1);
        assertThat(answer).containsEntry("error", true);
        List<Map<String, Object>> parts = (List<Map<String, Object>>) answer.get("content");
        assertThat((String) parts.getFirst().get("text")).startsWith("word1 ");
        assertThat(parts.getLast()).containsEntry("type", "error");
    }

    @Test
    void eachEventReachesTheClientAsItHappensNotWhenABufferFills() throws Exception {
        Person alice = person();
        MODEL.holdFirstToken(true);
        try {
            String convo = (String) start(alice, firstTurn("Anyone there?")).get("conversationId");
            try (SseStream stream = stream(alice, convo, "")) {
                // The model has not answered yet: the first two events must arrive on their own.
                assertThat(stream.next().data()).containsEntry("created", true);
                assertThat(stream.next().event()).isEqualTo("on_run_step");
                // Released only once the model holds the stream: an earlier release would be spent on no one.
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> MODEL.waiting() >= 1);
                MODEL.release();
                assertThat(stream.rest().getLast().isFinal()).isTrue();
            }
        } finally {
            MODEL.holdFirstToken(false);
        }
    }

    @Test
    void anotherPersonCannotFollowStopOrInspectATurn() throws Exception {
        Person alice = person();
        Person mallory = person();
        MODEL.delayMs(40);
        String convo = (String) start(alice, firstTurn("Mine")).get("conversationId");
        try (SseStream theirs = stream(mallory, convo, "")) {
            assertThat(theirs.status).isEqualTo(404);
        }
        // What a browser's EventSource sends: the refusal is still a JSON 404, not a 406.
        Http.Response asEventSource = http.get("/api/agents/chat/stream/" + convo, mallory.auth()[0], mallory.auth()[1],
                "Accept", "text/event-stream");
        assertThat(asEventSource.status()).isEqualTo(404);
        assertThat(asEventSource.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(asEventSource.json().has("error")).isTrue();
        assertThat(post(mallory, "/api/agents/chat/abort", "{\"streamId\":\"" + convo + "\"}").status()).isEqualTo(404);
        assertThat(json(get(mallory, "/api/agents/chat/status/" + convo))).containsEntry("active", false)
                .containsEntry("generationProtocolVersion", 2);
        assertThat(json(get(mallory, "/api/agents/chat/active")).get("activeJobIds")).isEqualTo(List.of());
        assertThat(post(mallory, "/api/agents/chat/FakeAI", followUp("Into yours", convo, NO_PARENT)).status()).isEqualTo(404);
        try (SseStream mine = stream(alice, convo, "")) {
            assertThat(mine.rest().getLast().isFinal()).isTrue();
        }
        assertThat(list(get(alice, "/api/messages/" + convo))).hasSize(2);
    }

    @Test
    void badRequestsAreRefusedWithFourHundredsAndStoreNothing() throws Exception {
        Person alice = person();
        String convo = (String) start(alice, firstTurn("Existing")).get("conversationId");
        try (SseStream stream = stream(alice, convo, "")) {
            stream.rest();
        }
        String other = (String) start(alice, firstTurn("Other")).get("conversationId");
        try (SseStream stream = stream(alice, other, "")) {
            stream.rest();
        }
        String otherMessage = (String) list(get(alice, "/api/messages/" + other)).getFirst().get("messageId");
        int requestsBefore = MODEL.requestCount();

        assertThat(post(alice, "/api/agents/chat/NoSuchEndpoint", firstTurn("x")).status()).isEqualTo(400);
        assertThat(post(alice, "/api/agents/chat/FakeAI", firstTurn("x").replace("\"fake-model\"", "\"gpt-9\"")).status())
                .isEqualTo(400);
        assertThat(post(alice, "/api/agents/chat/FakeAI", firstTurn("")).status()).isEqualTo(400);
        assertThat(post(alice, "/api/agents/chat/FakeAI", "{\"text\":{\"$gt\":\"\"}}").status()).isEqualTo(400);
        assertThat(post(alice, "/api/agents/chat/FakeAI", followUp("x", uuid(), NO_PARENT)).status()).isEqualTo(404);
        assertThat(post(alice, "/api/agents/chat/FakeAI", followUp("x", convo, otherMessage)).status()).isEqualTo(404);
        assertThat(post(alice, "/api/agents/chat/FakeAI", followUp("x", convo, uuid() + "_")).status()).isEqualTo(409);
        assertThat(post(alice, "/api/agents/chat/FakeAI", followUp("x", "not-a-uuid", NO_PARENT)).status()).isEqualTo(400);

        assertThat(list(get(alice, "/api/messages/" + convo))).hasSize(2);
        assertThat(MODEL.requestCount()).isEqualTo(requestsBefore);
    }

    @Test
    void aPersonRunsAtMostTheConcurrentLimitOfTurns() throws Exception {
        Person alice = person();
        MODEL.delayMs(200);
        for (int i = 0; i < 5; i++) {
            start(alice, firstTurn("Busy " + i));
        }
        Http.Response sixth = post(alice, "/api/agents/chat/FakeAI", firstTurn("One too many"));
        assertThat(sixth.status()).isEqualTo(429);
        assertThat(json(sixth)).containsEntry("type", "concurrent").containsEntry("limit", 5);
        assertThat(post(person(), "/api/agents/chat/FakeAI", firstTurn("Someone else")).status()).isEqualTo(200);
        for (Object id : (List<?>) json(get(alice, "/api/agents/chat/active")).get("activeJobIds")) {
            post(alice, "/api/agents/chat/abort", "{\"streamId\":\"" + id + "\"}");
        }
    }

    @Test
    void tooLittleBalanceEndsTheTurnWithLibreChatsTokenBalanceErrorAndNoModelCall() throws Exception {
        Person alice = person();
        AUTH.refuse = true;
        int before = MODEL.requestCount();
        String convo = (String) start(alice, firstTurn("Costly")).get("conversationId");
        try (SseStream stream = stream(alice, convo, "")) {
            SseStream.Event last = stream.rest().getLast();
            assertThat(last.type()).isEqualTo("error");
            assertThat((String) last.data().get("error")).contains("\"type\":\"token_balance\"").contains("\"balance\":10");
        }
        assertThat(MODEL.requestCount()).isEqualTo(before);
        assertThat(list(get(alice, "/api/messages/" + convo)).get(1)).containsEntry("error", true);
    }

    @Test
    void aFinishedStreamIsReplayedWholeAndAnUnknownOneIs404() throws Exception {
        Person alice = person();
        String convo = (String) start(alice, firstTurn("Replay")).get("conversationId");
        try (SseStream stream = stream(alice, convo, "")) {
            stream.rest();
        }
        Http.Response replay = get(alice, "/api/messages/stream/" + convo);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.body()).startsWith("event: message\ndata: {\"created\":true").contains("\"final\":true");
        assertThat(get(alice, "/api/agents/chat/stream/" + uuid()).status()).isEqualTo(404);
    }
}
