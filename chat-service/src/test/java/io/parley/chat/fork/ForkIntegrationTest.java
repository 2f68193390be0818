package io.parley.chat.fork;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.chat.ChatIntegrationTest;
import io.parley.common.test.Http;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ForkIntegrationTest extends ChatIntegrationTest {

    private static final String ROOT = "00000000-0000-0000-0000-000000000000";

    /** r ─┬─ a ── c   (with b a sibling of a, an edited first answer) */
    private record Fixture(String convo, String r, String a, String b, String c) {
    }

    private Fixture fixture(Person who) {
        Fixture f = new Fixture(uuid(), uuid(), uuid(), uuid(), uuid());
        saveMessage(who, f.convo(), f.r(), ROOT, "question");
        saveMessage(who, f.convo(), f.a(), f.r(), "answer one");
        saveMessage(who, f.convo(), f.b(), f.r(), "answer two");
        saveMessage(who, f.convo(), f.c(), f.a(), "follow-up");
        return f;
    }

    @Test
    void directPathForksTheChainIntoANewConversationWithFreshIds() {
        Person ada = person();
        Fixture f = fixture(ada);
        Http.Response forked = post(ada, "/api/convos/fork",
                "{\"conversationId\":\"%s\",\"messageId\":\"%s\",\"option\":\"directPath\"}".formatted(f.convo(), f.c()));

        assertThat(forked.status()).isEqualTo(200);
        JsonNode convo = forked.json().get("conversation");
        assertThat(convo.get("conversationId").asString()).isNotEqualTo(f.convo());
        JsonNode messages = forked.json().get("messages");
        assertThat(messages).extracting(m -> m.get("text").asString()).containsExactly("question", "answer one", "follow-up");
        assertWellFormed(messages);
        assertThat(get(ada, "/api/messages/" + convo.get("conversationId").asString()).json()).hasSize(3);
        assertThat(get(ada, "/api/messages/" + f.convo()).json()).as("the original is untouched").hasSize(4);
    }

    @Test
    void includeBranchesKeepsTheSiblingAndTargetLevelIsTheDefault() {
        Person ada = person();
        Fixture f = fixture(ada);
        JsonNode branches = post(ada, "/api/convos/fork",
                "{\"conversationId\":\"%s\",\"messageId\":\"%s\",\"option\":\"includeBranches\"}".formatted(f.convo(), f.a()))
                .json().get("messages");
        assertThat(branches).extracting(m -> m.get("text").asString()).containsExactlyInAnyOrder("question", "answer one", "answer two");

        JsonNode level = post(ada, "/api/convos/fork", "{\"conversationId\":\"%s\",\"messageId\":\"%s\"}".formatted(f.convo(), f.a()))
                .json().get("messages");
        assertThat(level).hasSize(3);
        assertWellFormed(level);
    }

    @Test
    void splitAtTargetStartsTheForkAtTheTargetsLevel() {
        Person ada = person();
        Fixture f = fixture(ada);
        JsonNode messages = post(ada, "/api/convos/fork", """
                {"conversationId":"%s","messageId":"%s","option":"directPath","splitAtTarget":true,"latestMessageId":"%s"}"""
                .formatted(f.convo(), f.a(), f.c())).json().get("messages");
        assertThat(messages).extracting(m -> m.get("text").asString()).containsExactly("answer one", "follow-up");
        assertThat(messages.get(0).get("parentMessageId").asString()).isEqualTo(ROOT);
        assertWellFormed(messages);
    }

    @Test
    void duplicateCopiesTheWholeTreeUnderANewTitle() {
        Person ada = person();
        Fixture f = fixture(ada);
        Http.Response copy = post(ada, "/api/convos/duplicate", "{\"conversationId\":\"%s\",\"title\":\"Copy\"}".formatted(f.convo()));
        assertThat(copy.status()).isEqualTo(201);
        assertThat(copy.json().at("/conversation/title").asString()).isEqualTo("Copy");
        assertThat(copy.json().get("messages")).hasSize(4);
        assertWellFormed(copy.json().get("messages"));
    }

    @Test
    void badForksAre400AndAnotherPersonsAre404() {
        Person ada = person();
        Person bob = person();
        Fixture f = fixture(ada);
        assertThat(post(ada, "/api/convos/fork", "{\"conversationId\":\"%s\",\"messageId\":\"%s\",\"option\":\"everything\"}"
                .formatted(f.convo(), f.a())).status()).isEqualTo(400);
        assertThat(post(ada, "/api/convos/fork", "{\"conversationId\":\"%s\",\"messageId\":\"%s\",\"splitAtTarget\":true}"
                .formatted(f.convo(), f.a())).status()).isEqualTo(400);
        assertThat(post(ada, "/api/convos/fork", "{\"conversationId\":\"%s\",\"messageId\":\"%s\"}".formatted(f.convo(), uuid())).status())
                .isEqualTo(404);
        assertThat(post(ada, "/api/convos/fork", "{\"conversationId\":\"nope\",\"messageId\":\"%s\"}".formatted(f.a())).status())
                .isEqualTo(400);
        assertThat(post(bob, "/api/convos/fork", "{\"conversationId\":\"%s\",\"messageId\":\"%s\"}".formatted(f.convo(), f.a())).status())
                .isEqualTo(404);
        assertThat(post(bob, "/api/convos/duplicate", "{\"conversationId\":\"%s\"}".formatted(f.convo())).status()).isEqualTo(404);
        assertThat(get(bob, "/api/convos").json().get("conversations")).isEmpty();
        assertThat(get(ada, "/api/convos").json().get("conversations")).hasSize(1);
    }

    /** Every parent is in the copy (or the root marker) and was created strictly before its child. */
    private static void assertWellFormed(JsonNode messages) {
        Map<String, Instant> created = new HashMap<>();
        messages.forEach(m -> created.put(m.get("messageId").asString(), Instant.parse(m.get("createdAt").asString())));
        messages.forEach(m -> {
            String parent = m.get("parentMessageId").asString();
            if (!parent.equals(ROOT)) {
                assertThat(created).containsKey(parent);
                assertThat(created.get(parent)).isBefore(created.get(m.get("messageId").asString()));
            }
        });
    }
}
