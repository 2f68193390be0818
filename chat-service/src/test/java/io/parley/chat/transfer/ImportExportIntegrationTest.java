package io.parley.chat.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.chat.ChatIntegrationTest;
import io.parley.common.test.Http;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ImportExportIntegrationTest extends ChatIntegrationTest {

    @Test
    void aNestedLibreChatExportKeepsItsBranches() {
        Person ada = person();
        assertThat(upload(ada, "librechat-tree.json").status()).isEqualTo(201);

        JsonNode convo = onlyConversation(ada);
        assertThat(convo.get("title").asString()).isEqualTo("Nested export");
        JsonNode messages = get(ada, "/api/messages/" + convo.get("conversationId").asString()).json();
        assertThat(messages).hasSize(4);
        Map<String, String> parentText = parentTexts(messages);
        assertThat(parentText).containsEntry("First answer", "Question").containsEntry("Regenerated answer", "Question")
                .containsEntry("Follow-up", "First answer").containsEntry("Question", null);
        messages.forEach(m -> assertThat(m.get("messageId").asString()).matches("[0-9a-f-]{36}"));
    }

    @Test
    void aChatGptExportSkipsSystemAndThoughtsAndRelinksParents() {
        Person ada = person();
        assertThat(upload(ada, "chatgpt.json").status()).isEqualTo(201);
        JsonNode convo = onlyConversation(ada);
        assertThat(convo.get("title").asString()).isEqualTo("Bread baking");
        JsonNode messages = get(ada, "/api/messages/" + convo.get("conversationId").asString()).json();
        assertThat(parentTexts(messages)).containsExactlyInAnyOrderEntriesOf(
                mapOf("How long to proof dough?", null, "About an hour.", "How long to proof dough?"));
        assertThat(messages.get(1).get("sender").asString()).isEqualTo("GPT-4o");
    }

    @Test
    void chatbotUiAndClaudeExportsImport() {
        Person ada = person();
        assertThat(upload(ada, "chatbot-ui.json").status()).isEqualTo(201);
        JsonNode old = onlyConversation(ada);
        assertThat(get(ada, "/api/messages/" + old.get("conversationId").asString()).json()).hasSize(3);

        Person bob = person();
        assertThat(upload(bob, "claude.json").status()).isEqualTo(201);
        JsonNode poems = onlyConversation(bob);
        JsonNode messages = get(bob, "/api/messages/" + poems.get("conversationId").asString()).json();
        assertThat(messages.get(1).at("/content/0/type").asString()).isEqualTo("think");
        assertThat(messages.get(1).get("text").asString()).isEqualTo("Quiet pond at dusk");
    }

    @Test
    void exportThenImportRoundTrips() {
        Person ada = person();
        String convo = conversation(ada, "Round trip");
        post(ada, "/api/convos/update", "{\"arg\":{\"conversationId\":\"%s\",\"title\":\"Trip\"}}".formatted(convo));
        Http.Response exported = get(ada, "/api/convos/export/" + convo);
        assertThat(exported.status()).isEqualTo(200);

        Person bob = person();
        assertThat(http.upload("/api/convos/import", "file", "export.json", exported.body().getBytes(StandardCharsets.UTF_8),
                bob.auth()).status()).isEqualTo(201);
        JsonNode copy = onlyConversation(bob);
        assertThat(copy.get("title").asString()).isEqualTo("Trip");
        JsonNode original = get(ada, "/api/messages/" + convo).json();
        JsonNode imported = get(bob, "/api/messages/" + copy.get("conversationId").asString()).json();
        assertThat(parentTexts(imported)).isEqualTo(parentTexts(original));
    }

    @Test
    void unreadableOrUnknownFilesAre400AndImportNothing() {
        Person ada = person();
        for (String content : new String[] {"{not json", "{\"hello\":\"world\"}", "42", "[{\"something\":1}]"}) {
            Http.Response response = http.upload("/api/convos/import", "file", "x.json", content.getBytes(StandardCharsets.UTF_8), ada.auth());
            assertThat(response.status()).as(content).isEqualTo(400);
        }
        assertThat(http.upload("/api/convos/import", "other", "x.json", "{}".getBytes(StandardCharsets.UTF_8), ada.auth()).status())
                .isEqualTo(400);
        assertThat(get(ada, "/api/convos").json().get("conversations")).isEmpty();
    }

    @Test
    void aFileOverTheLimitIs413() {
        Person ada = person();
        byte[] big = ("{\"conversationId\":\"x\",\"messages\":[],\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        Http.Response response = http.upload("/api/convos/import", "file", "big.json", big, ada.auth());
        assertThat(response.status()).isEqualTo(413);
        assertThat(get(ada, "/api/convos").json().get("conversations")).isEmpty();
    }

    @Test
    void anotherPersonsConversationCannotBeExported() {
        Person ada = person();
        String convo = conversation(ada, "mine");
        assertThat(get(person(), "/api/convos/export/" + convo).status()).isEqualTo(404);
    }

    private Http.Response upload(Person who, String fixture) {
        try (InputStream in = getClass().getResourceAsStream("/imports/" + fixture)) {
            return http.upload("/api/convos/import", "file", fixture, in.readAllBytes(), who.auth());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode onlyConversation(Person who) {
        JsonNode list = get(who, "/api/convos").json().get("conversations");
        assertThat(list).hasSize(1);
        return list.get(0);
    }

    /** Each message's text → its parent's text (null for a root): the tree, independent of ids. */
    private static Map<String, String> parentTexts(JsonNode messages) {
        Map<String, String> textById = new HashMap<>();
        messages.forEach(m -> textById.put(m.get("messageId").asString(), m.get("text").asString()));
        Map<String, String> out = new HashMap<>();
        messages.forEach(m -> out.put(m.get("text").asString(), textById.get(m.get("parentMessageId").asString())));
        return out;
    }

    private static Map<String, String> mapOf(String k1, String v1, String k2, String v2) {
        Map<String, String> map = new HashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }
}
