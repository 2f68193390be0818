package io.parley.chat.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.chat.ChatIntegrationTest;
import io.parley.common.test.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class MessageIntegrationTest extends ChatIntegrationTest {

    private static final String ROOT = "00000000-0000-0000-0000-000000000000";

    @Test
    void savedMessagesComeBackAsLibreChatsFlatTreeOldestFirst() {
        Person ada = person();
        String convo = uuid();
        String first = uuid();
        Http.Response saved = saveMessage(ada, convo, first, ROOT, "Hello, AI!");
        assertThat(saved.status()).isEqualTo(201);
        assertThat(saved.json().get("tokenCount").asInt()).isEqualTo(4);
        assertThat(saved.json().get("createdAt").asString()).endsWith("Z");
        saveMessage(ada, convo, uuid(), first, "Second");

        JsonNode messages = get(ada, "/api/messages/" + convo).json();
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).get("messageId").asString()).isEqualTo(first);
        assertThat(messages.get(0).get("parentMessageId").asString()).isEqualTo(ROOT);
        assertThat(messages.get(1).get("parentMessageId").asString()).isEqualTo(first);
        assertThat(messages.get(0).has("user")).isFalse();
        assertThat(messages.get(0).has("_id")).isFalse();

        JsonNode one = get(ada, "/api/messages/" + convo + "/" + first).json();
        assertThat(one).hasSize(1);
        assertThat(one.get(0).get("text").asString()).isEqualTo("Hello, AI!");
        assertThat(get(ada, "/api/messages/" + convo + "/" + uuid()).json()).isEmpty();
        assertThat(get(ada, "/api/messages/new").json()).isEmpty();
    }

    @Test
    void editingTextRecountsTokens() {
        Person ada = person();
        String convo = uuid();
        String id = uuid();
        saveMessage(ada, convo, id, ROOT, "Hi");

        Http.Response edited = send(ada, "PUT", "/api/messages/" + convo + "/" + id,
                "{\"text\":\"A much longer text than before, with many more tokens in it\"}");
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.json().get("text").asString()).startsWith("A much longer");
        assertThat(edited.json().get("tokenCount").asInt()).isGreaterThan(10);
    }

    @Test
    void editingOneContentPartByIndex() {
        Person ada = person();
        String convo = uuid();
        String id = uuid();
        post(ada, "/api/messages/" + convo, """
                {"messageId":"%s","parentMessageId":"%s","text":"","sender":"GPT-4o","isCreatedByUser":false,
                 "content":[{"type":"think","think":"pondering"},{"type":"text","text":"answer"},{"type":"image_url","image_url":{"url":"x"}}]}"""
                .formatted(id, ROOT));

        Http.Response edited = send(ada, "PUT", "/api/messages/" + convo + "/" + id, "{\"text\":\"better answer\",\"index\":1}");
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.json().at("/content/1/text").asString()).isEqualTo("better answer");
        assertThat(edited.json().at("/content/0/think").asString()).isEqualTo("pondering");

        assertThat(send(ada, "PUT", "/api/messages/" + convo + "/" + id, "{\"text\":\"x\",\"index\":2}").json()
                .get("message").asString()).isEqualTo("Cannot update non-text content");
        assertThat(send(ada, "PUT", "/api/messages/" + convo + "/" + id, "{\"text\":\"x\",\"index\":9}").status()).isEqualTo(400);
    }

    @Test
    void deletingAMessageIs204AndThenItIsGone() {
        Person ada = person();
        String convo = uuid();
        String id = uuid();
        saveMessage(ada, convo, id, ROOT, "bye");
        assertThat(send(ada, "DELETE", "/api/messages/" + convo + "/" + id, null).status()).isEqualTo(204);
        assertThat(get(ada, "/api/messages/" + convo).json()).isEmpty();
        assertThat(send(ada, "DELETE", "/api/messages/" + convo + "/" + id, null).status()).isEqualTo(404);
    }

    @Test
    void theQueryRoutePagesAConversationWithACursor() {
        Person ada = person();
        String convo = uuid();
        String parent = ROOT;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String id = uuid();
            saveMessage(ada, convo, id, parent, "m" + i);
            ids.add(id);
            parent = id;
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Http.Response page = get(ada, "/api/messages?conversationId=" + convo + "&sortBy=createdAt&sortDirection=asc&pageSize=5"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            page.json().get("messages").forEach(m -> seen.add(m.get("messageId").asString()));
            cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asString();
        } while (cursor != null);
        assertThat(seen).containsExactlyElementsOf(ids);

        JsonNode single = get(ada, "/api/messages?conversationId=" + convo + "&messageId=" + ids.get(3)).json();
        assertThat(single.get("messages")).hasSize(1);
        assertThat(get(ada, "/api/messages").json().get("messages").isEmpty()).isTrue();
    }

    @Test
    void searchFindsWordsInTheCallersMessagesWithTheConversationTitle() {
        Person ada = person();
        String convo = conversation(ada, "The Zanzibar archipelago");
        post(ada, "/api/convos/update", "{\"arg\":{\"conversationId\":\"%s\",\"title\":\"Islands\"}}".formatted(convo));

        JsonNode hits = get(ada, "/api/messages?search=zanzibar").json().get("messages");
        assertThat(hits).hasSize(2);
        hits.forEach(hit -> assertThat(hit.get("title").asString()).isEqualTo("Islands"));
    }

    @Test
    void feedbackFollowsLibreChatsRatingsAndTags() {
        Person ada = person();
        String convo = uuid();
        String id = uuid();
        saveMessage(ada, convo, id, ROOT, "answer");
        String path = "/api/messages/" + convo + "/" + id + "/feedback";

        Http.Response rated = send(ada, "PUT", path, "{\"feedback\":{\"rating\":\"thumbsDown\",\"tag\":\"inaccurate\",\"text\":\"wrong year\"}}");
        assertThat(rated.status()).isEqualTo(200);
        assertThat(rated.json().at("/feedback/tag").asString()).isEqualTo("inaccurate");
        assertThat(get(ada, "/api/messages/" + convo).json().get(0).at("/feedback/rating").asString()).isEqualTo("thumbsDown");

        assertThat(send(ada, "PUT", path, "{\"feedback\":{\"rating\":\"thumbsUp\",\"tag\":\"inaccurate\"}}").status()).isEqualTo(400);
        assertThat(send(ada, "PUT", path, "{\"feedback\":{\"rating\":\"meh\"}}").status()).isEqualTo(400);
        assertThat(send(ada, "PUT", path, "{\"feedback\":{\"rating\":\"thumbsUp\",\"text\":\"" + "t".repeat(1025) + "\"}}").status()).isEqualTo(400);

        Http.Response cleared = send(ada, "PUT", path, "{\"feedback\":null}");
        assertThat(cleared.json().get("feedback").isNull()).isTrue();
        assertThat(get(ada, "/api/messages/" + convo).json().get(0).has("feedback")).isFalse();
    }

    @Test
    void anArtifactIsEditedInPlaceByItsIndex() {
        Person ada = person();
        String convo = uuid();
        String id = uuid();
        String text = "Here:\n:::artifact{identifier=\"a\" type=\"text/html\"}\n```html\n<p>one</p>\n```\n:::\nand\n"
                + ":::artifact{identifier=\"b\" type=\"text/html\"}\n```html\n<p>two</p>\n```\n:::\n";
        post(ada, "/api/messages/" + convo, "{\"messageId\":\"%s\",\"parentMessageId\":\"%s\",\"content\":[{\"type\":\"text\",\"text\":%s}]}"
                .formatted(id, ROOT, quote(text)));

        Http.Response edited = post(ada, "/api/messages/artifact/" + id, "{\"index\":1,\"original\":\"<p>two</p>\",\"updated\":\"<p>2</p>\"}");
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.json().get("conversationId").asString()).isEqualTo(convo);
        assertThat(edited.json().at("/content/0/text").asString()).contains("<p>one</p>").contains("<p>2</p>").doesNotContain("<p>two</p>");

        assertThat(post(ada, "/api/messages/artifact/" + id, "{\"index\":2,\"original\":\"x\",\"updated\":\"y\"}").json()
                .get("message").asString()).isEqualTo("Artifact index out of bounds");
        assertThat(post(ada, "/api/messages/artifact/" + id, "{\"index\":0,\"original\":\"absent\",\"updated\":\"y\"}").json()
                .get("message").asString()).isEqualTo("Original content not found in target artifact");
        assertThat(post(ada, "/api/messages/artifact/" + id, "{\"index\":-1,\"original\":\"x\",\"updated\":\"y\"}").status()).isEqualTo(400);
        assertThat(post(ada, "/api/messages/artifact/" + uuid(), "{\"index\":0,\"original\":\"x\",\"updated\":\"y\"}").status()).isEqualTo(404);
    }

    @Test
    void anotherPersonsMessageIs404WhateverTheBodyHolds() {
        Person ada = person();
        Person bob = person();
        String convo = uuid();
        String id = uuid();
        saveMessage(ada, convo, id, ROOT, "mine");
        String path = "/api/messages/" + convo + "/" + id;

        assertThat(send(bob, "PUT", path, "{\"text\":7}").status()).isEqualTo(404);
        assertThat(send(bob, "PUT", path, "{\"text\":").status()).isEqualTo(404);
        assertThat(send(bob, "PUT", path + "/feedback", "{\"feedback\":{\"rating\":\"meh\"}}").status()).isEqualTo(404);
        assertThat(post(bob, "/api/messages/artifact/" + id, "{\"index\":\"0\"}").status()).isEqualTo(404);
        assertThat(post(bob, "/api/messages/" + convo, "{\"messageId\":7}").status()).isEqualTo(404);
        assertThat(post(bob, "/api/messages/" + uuid(), "{\"messageId\":\"%s\",\"text\":7}".formatted(id)).status()).isEqualTo(404);
        assertThat(get(ada, "/api/messages/" + convo).json().get(0).get("text").asString()).isEqualTo("mine");
    }

    @Test
    void messageBodiesAreReadStrictlyAndEveryProblemIsNamed() {
        Person ada = person();
        String convo = uuid();
        String id = uuid();
        saveMessage(ada, convo, id, ROOT, "answer");

        Http.Response edited = send(ada, "PUT", "/api/messages/" + convo + "/" + id, "{\"text\":7,\"index\":\"1\"}");
        assertThat(edited.status()).isEqualTo(400);
        assertThat(edited.json().get("message").asString()).isEqualTo("text: must be text; index: must be a whole number");

        Http.Response saved = post(ada, "/api/messages/" + convo, """
                {"messageId":"%s","text":7,"isCreatedByUser":"true","tokenCount":-1,"sender":"%s"}""".formatted(uuid(), "s".repeat(300)));
        assertThat(saved.status()).isEqualTo(400);
        assertThat(saved.json().findValues("field")).extracting(JsonNode::asString)
                .containsExactly("sender", "text", "isCreatedByUser", "tokenCount");
        assertThat(post(ada, "/api/messages/artifact/" + id, "{\"index\":\"0\",\"original\":\"a\",\"updated\":\"b\"}")
                .json().get("message").asString()).isEqualTo("index: must be a whole number");
        assertThat(post(ada, "/api/messages/artifact/" + id, "{\"index\":0}").json().get("message").asString())
                .isEqualTo("Invalid request parameters");
        assertThat(get(ada, "/api/messages/" + convo).json()).hasSize(1);
    }

    @Test
    void feedbackTakesLibreChatsWholeTagAsWellAsItsKey() {
        Person ada = person();
        String convo = uuid();
        String id = uuid();
        saveMessage(ada, convo, id, ROOT, "answer");
        String path = "/api/messages/" + convo + "/" + id + "/feedback";

        Http.Response rated = send(ada, "PUT", path, """
                {"feedback":{"rating":"thumbsUp","tag":{"key":"creative_solution","label":"com_ui_feedback_tag_creative_solution",\
                "direction":"thumbsUp","icon":"Lightbulb"}}}""");
        assertThat(rated.status()).isEqualTo(200);
        assertThat(rated.json().at("/feedback/tag").asString()).isEqualTo("creative_solution");
        assertThat(send(ada, "PUT", path, "{\"feedback\":{\"rating\":\"thumbsUp\",\"tag\":7}}").json().get("message").asString())
                .isEqualTo("feedback.tag: is not a thumbsUp tag");
        assertThat(send(ada, "PUT", path, "{\"feedback\":{\"tag\":\"other\"}}").json().get("message").asString())
                .isEqualTo("feedback.rating: must be thumbsUp or thumbsDown");
    }

    private static String quote(String text) {
        return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(text);
    }

    @Test
    void aLongConversationListsWhole() {
        Person ada = person();
        String convo = uuid();
        String parent = ROOT;
        for (int i = 0; i < 300; i++) {
            String id = uuid();
            saveMessage(ada, convo, id, parent, "line " + i);
            parent = id;
        }
        JsonNode all = get(ada, "/api/messages/" + convo).json();
        assertThat(all).hasSize(300);
        assertThat(IntStream.range(1, 300).allMatch(i ->
                all.get(i).get("parentMessageId").asString().equals(all.get(i - 1).get("messageId").asString()))).isTrue();
    }
}
