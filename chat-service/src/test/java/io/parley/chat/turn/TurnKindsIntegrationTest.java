package io.parley.chat.turn;

import static io.parley.chat.turn.TurnIntegrationTest.firstTurn;
import static io.parley.chat.turn.TurnIntegrationTest.json;
import static io.parley.chat.turn.TurnIntegrationTest.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.chat.ChatIntegrationTest;
import io.parley.chat.SseStream;
import io.parley.common.test.Http;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Regenerate, continue and edit; instructions and the context window; a client that leaves; people's own keys. */
class TurnKindsIntegrationTest extends ChatIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Runs a turn to its end; returns the final event. */
    private Map<String, Object> turn(Person who, String endpoint, String body) throws Exception {
        Http.Response started = post(who, "/api/agents/chat/" + endpoint, body);
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        try (SseStream stream = new SseStream("http://127.0.0.1:" + port + "/api/agents/chat/stream/"
                + json(started).get("streamId"), who.auth())) {
            return stream.rest().getLast().data();
        }
    }

    @SuppressWarnings("unchecked")
    private static String id(Map<String, Object> fin, String message) {
        return (String) ((Map<String, Object>) fin.get(message)).get("messageId");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> lastModelRequest() {
        return JSON.readValue(MODEL.requests().reversed().stream().filter(r -> r.body().contains("\"stream\":true"))
                .findFirst().orElseThrow().body(), Map.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void regeneratingAddsASiblingAnswerToTheSameQuestionWithoutANewQuestion() throws Exception {
        Person alice = person();
        Map<String, Object> fin = turn(alice, "FakeAI", firstTurn("Tell me a story"));
        String convo = (String) ((Map<String, Object>) fin.get("conversation")).get("conversationId");
        String question = id(fin, "requestMessage");

        Map<String, Object> again = turn(alice, "FakeAI", """
                {"text":"Tell me a story","parentMessageId":"00000000-0000-0000-0000-000000000000","conversationId":"%s",
                 "overrideParentMessageId":"%s","isRegenerate":true,"endpoint":"FakeAI","model":"fake-model"}"""
                .formatted(convo, question));

        assertThat(id(again, "requestMessage")).isEqualTo(question);
        List<Map<String, Object>> saved = list(get(alice, "/api/messages/" + convo));
        assertThat(saved).hasSize(3);
        assertThat(saved).filteredOn(m -> question.equals(m.get("parentMessageId"))).hasSize(2);
    }

    @Test
    @SuppressWarnings("unchecked")
    void continuingAnUnfinishedAnswerAppendsToTheSameMessageAfterAnEdit() throws Exception {
        Person alice = person();
        MODEL.tokens(3);
        Map<String, Object> fin = turn(alice, "FakeAI", firstTurn("Count"));
        String convo = (String) ((Map<String, Object>) fin.get("conversation")).get("conversationId");
        String answer = id(fin, "responseMessage");

        Map<String, Object> continued = turn(alice, "FakeAI", """
                {"text":"","parentMessageId":"%s","conversationId":"%s","responseMessageId":"%s","isContinued":true,
                 "editedContent":{"index":0,"type":"text","text":"one two "},"endpoint":"FakeAI","model":"fake-model"}"""
                .formatted(id(fin, "requestMessage"), convo, answer));

        assertThat(id(continued, "responseMessage")).isEqualTo(answer);
        List<Map<String, Object>> saved = list(get(alice, "/api/messages/" + convo));
        assertThat(saved).hasSize(2);
        String text = (String) ((List<Map<String, Object>>) saved.get(1).get("content")).getFirst().get("text");
        assertThat(text).isEqualTo("one two word1 word2 word3 ");
        List<Map<String, Object>> sent = (List<Map<String, Object>>) lastModelRequest().get("messages");
        assertThat(sent.getLast()).containsEntry("role", "assistant").containsEntry("content", "one two ");
    }

    @Test
    @SuppressWarnings("unchecked")
    void instructionsGoFirstAndOldMessagesAreDroppedToFitTheContextWindow() throws Exception {
        Person alice = person();
        String longQuestion = "history ".repeat(300);
        Map<String, Object> fin = turn(alice, "FakeAI", firstTurn(longQuestion.strip()));
        String convo = (String) ((Map<String, Object>) fin.get("conversation")).get("conversationId");

        turn(alice, "FakeAI", """
                {"text":"Short question","parentMessageId":"%s","conversationId":"%s","promptPrefix":"Be brief.",
                 "maxContextTokens":200,"endpoint":"FakeAI","model":"fake-model"}""".formatted(id(fin, "responseMessage"), convo));

        List<Map<String, Object>> sent = (List<Map<String, Object>>) lastModelRequest().get("messages");
        assertThat(sent.getFirst()).containsEntry("role", "system").containsEntry("content", "Be brief.");
        assertThat(sent).noneMatch(m -> String.valueOf(m.get("content")).startsWith("history"));
        assertThat(sent.getLast()).containsEntry("content", "Short question");

        Http.Response tooLong = post(alice, "/api/agents/chat/FakeAI", """
                {"text":"%s","parentMessageId":"00000000-0000-0000-0000-000000000000","maxContextTokens":50,
                 "endpoint":"FakeAI","model":"fake-model"}""".formatted(longQuestion.strip()));
        assertThat(tooLong.status()).isEqualTo(400);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aClientThatLeavesDoesNotStopTheAnswer() throws Exception {
        Person alice = person();
        MODEL.delayMs(20);
        Http.Response started = post(alice, "/api/agents/chat/FakeAI", firstTurn("Keep going"));
        String convo = (String) json(started).get("conversationId");
        try (SseStream stream = new SseStream("http://127.0.0.1:" + port + "/api/agents/chat/stream/" + convo, alice.auth())) {
            assertThat(stream.next().data()).containsEntry("created", true);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<Map<String, Object>> saved = list(get(alice, "/api/messages/" + convo));
            assertThat(saved).hasSize(2);
            assertThat((String) ((List<Map<String, Object>>) saved.get(1).get("content")).getFirst().get("text"))
                    .endsWith("word50 ");
        });
    }

    @Test
    void anEndpointOfPeoplesOwnKeysUsesTheKeyTheyStoredAndAsksForOneWhenMissing() throws Exception {
        Person alice = person();
        Http.Response none = post(alice, "/api/agents/chat/OwnKey", firstTurn("Hi").replace("FakeAI", "OwnKey"));
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.body()).contains("no_user_key");

        assertThat(send(alice, "PUT", "/api/keys", "{\"name\":\"OwnKey\",\"value\":\"fake-key\",\"expiresAt\":null}").status())
                .isEqualTo(201);
        Map<String, Object> fin = turn(alice, "OwnKey", firstTurn("Hi").replace("FakeAI", "OwnKey"));
        assertThat(fin).containsEntry("final", true);
        assertThat(MODEL.lastRequest().header("Authorization")).isEqualTo("Bearer fake-key");
    }
}
