package io.parley.chat.convo;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.chat.ChatIntegrationTest;
import io.parley.common.test.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ConvoIntegrationTest extends ChatIntegrationTest {

    @Test
    void savingAMessageCreatesTheConversationInTheList() {
        Person ada = person();
        String convo = conversation(ada, "Hello there");

        Http.Response list = get(ada, "/api/convos?limit=25&isArchived=false&order=desc");
        assertThat(list.status()).isEqualTo(200);
        JsonNode item = list.json().get("conversations").get(0);
        assertThat(item.get("conversationId").asString()).isEqualTo(convo);
        assertThat(item.get("title").asString()).isEqualTo("New Chat");
        assertThat(item.get("endpoint").asString()).isEqualTo("openAI");
        assertThat(item.get("model").asString()).isEqualTo("gpt-4o");
        assertThat(item.get("_id").asString()).matches("[0-9a-f]{24}");
        assertThat(item.has("tenantId")).isFalse();
        assertThat(list.json().get("nextCursor").isNull()).isTrue();
        assertThat(list.json().get("hasMore").asBoolean()).isFalse();
    }

    @Test
    void theCursorWalksEveryConversationOnceInOrder() {
        Person ada = person();
        List<String> created = new ArrayList<>();
        IntStream.range(0, 23).forEach(i -> created.add(conversation(ada, "Convo " + i)));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Http.Response page = get(ada, "/api/convos?limit=10" + (cursor == null ? "" : "&cursor=" + cursor));
            page.json().get("conversations").forEach(c -> seen.add(c.get("conversationId").asString()));
            cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asString();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(23).doesNotHaveDuplicates().containsExactlyElementsOf(created.reversed());
    }

    @Test
    void sortsByTitleAscendingWhenAsked() {
        Person ada = person();
        for (String title : List.of("Banana", "apple", "Cherry")) {
            String convo = conversation(ada, title);
            post(ada, "/api/convos/update", "{\"arg\":{\"conversationId\":\"%s\",\"title\":\"%s\"}}".formatted(convo, title));
        }
        Http.Response list = get(ada, "/api/convos?sortBy=title&sortDirection=asc");
        List<String> titles = new ArrayList<>();
        list.json().get("conversations").forEach(c -> titles.add(c.get("title").asString()));
        assertThat(titles).containsExactly("Banana", "Cherry", "apple");
    }

    @Test
    void renameArchivePinAndGet() {
        Person ada = person();
        String convo = conversation(ada, "Rename me");

        Http.Response renamed = post(ada, "/api/convos/update", "{\"arg\":{\"conversationId\":\"%s\",\"title\":\"  Trip plans  \"}}".formatted(convo));
        assertThat(renamed.status()).isEqualTo(201);
        assertThat(renamed.json().get("title").asString()).isEqualTo("Trip plans");

        assertThat(post(ada, "/api/convos/pin", "{\"arg\":{\"conversationId\":\"%s\",\"pinned\":true}}".formatted(convo))
                .json().get("pinned").asBoolean()).isTrue();
        assertThat(post(ada, "/api/convos/archive", "{\"arg\":{\"conversationId\":\"%s\",\"isArchived\":true}}".formatted(convo))
                .status()).isEqualTo(200);
        assertThat(get(ada, "/api/convos").json().get("conversations").isEmpty()).isTrue();
        assertThat(get(ada, "/api/convos?isArchived=true").json().get("conversations").get(0).get("conversationId").asString())
                .isEqualTo(convo);

        Http.Response one = get(ada, "/api/convos/" + convo);
        assertThat(one.json().get("title").asString()).isEqualTo("Trip plans");
        assertThat(one.json().get("isArchived").asBoolean()).isTrue();
    }

    @Test
    void genTitleAnswersTheTitleOnceThereIsOneInBothForms() {
        Person ada = person();
        String convo = conversation(ada, "x");
        assertThat(get(ada, "/api/convos/gen_title/" + convo).status()).isEqualTo(404);
        post(ada, "/api/convos/update", "{\"arg\":{\"conversationId\":\"%s\",\"title\":\"Named\"}}".formatted(convo));
        assertThat(get(ada, "/api/convos/gen_title/" + convo).json().get("title").asString()).isEqualTo("Named");
        assertThat(post(ada, "/api/convos/gen_title", "{\"conversationId\":\"%s\"}".formatted(convo)).json().get("title").asString())
                .isEqualTo("Named");
        assertThat(get(person(), "/api/convos/gen_title/" + convo).status()).isEqualTo(404);
        assertThat(post(ada, "/api/convos/gen_title", "{}").status()).isEqualTo(400);
    }

    @Test
    void searchMatchesTitleWordsCaseInsensitively() {
        Person ada = person();
        String convo = conversation(ada, "x");
        post(ada, "/api/convos/update", "{\"arg\":{\"conversationId\":\"%s\",\"title\":\"Quantum Physics notes\"}}".formatted(convo));
        conversation(ada, "y");

        JsonNode found = get(ada, "/api/convos?search=physics").json().get("conversations");
        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("conversationId").asString()).isEqualTo(convo);
        assertThat(get(ada, "/api/convos?search=%28.*%29").json().get("conversations").isEmpty())
                .as("search text is literal, never a pattern").isTrue();
    }

    @Test
    void deletingAConversationTakesItsMessages() {
        Person ada = person();
        String convo = conversation(ada, "Delete me");
        String kept = conversation(ada, "Keep me");

        Http.Response deleted = send(ada, "DELETE", "/api/convos", "{\"arg\":{\"conversationId\":\"%s\"}}".formatted(convo));
        assertThat(deleted.status()).isEqualTo(201);
        assertThat(deleted.json().get("deletedCount").asInt()).isEqualTo(1);
        assertThat(deleted.json().at("/messages/deletedCount").asInt()).isEqualTo(2);
        assertThat(get(ada, "/api/convos/" + convo).status()).isEqualTo(404);
        assertThat(get(ada, "/api/messages/" + convo).status()).isEqualTo(404);
        assertThat(get(ada, "/api/messages/" + kept).json()).hasSize(2);

        assertThat(send(ada, "DELETE", "/api/convos/" + kept, null).status()).isEqualTo(204);
        assertThat(send(ada, "DELETE", "/api/convos", "{\"conversationId\":\"%s\"}".formatted(kept)).status()).isEqualTo(404);
    }

    @Test
    void deleteAllEmptiesTheCallersHistoryOnly() {
        Person ada = person();
        Person bob = person();
        conversation(ada, "a1");
        conversation(ada, "a2");
        String bobs = conversation(bob, "b1");

        Http.Response all = send(ada, "DELETE", "/api/convos/all", null);
        assertThat(all.status()).isEqualTo(201);
        assertThat(all.json().get("deletedCount").asInt()).isEqualTo(2);
        assertThat(get(ada, "/api/convos").json().get("conversations").isEmpty()).isTrue();
        assertThat(get(bob, "/api/convos/" + bobs).status()).isEqualTo(200);
    }

    @Test
    void aChangesValuesAreReadStrictlyAndEveryProblemIsNamedWithItsPath() {
        Person ada = person();
        String convo = conversation(ada, "x");

        Http.Response retitled = post(ada, "/api/convos/update", "{\"arg\":{\"conversationId\":\"%s\",\"title\":7}}".formatted(convo));
        assertThat(retitled.status()).isEqualTo(400);
        assertThat(retitled.json().get("error").asString()).isEqualTo("invalid_request");
        assertThat(retitled.json().get("message").asString()).isEqualTo("arg.title: must be text");
        assertThat(retitled.json().at("/details/0/field").asString()).isEqualTo("arg.title");

        assertThat(post(ada, "/api/convos/archive", "{\"arg\":{\"conversationId\":\"%s\",\"isArchived\":\"true\"}}".formatted(convo))
                .json().get("message").asString()).isEqualTo("arg.isArchived: must be true or false");
        assertThat(post(ada, "/api/convos/pin", "{\"arg\":{\"conversationId\":\"%s\",\"pinned\":1}}".formatted(convo))
                .status()).isEqualTo(400);
        assertThat(post(ada, "/api/convos/update", "{\"arg\":{\"conversationId\":7,\"title\":\"t\"}}").json()
                .get("message").asString()).isEqualTo("arg.conversationId: must be text");
        assertThat(post(ada, "/api/convos/update", "{\"arg\":").json().get("error").asString()).isEqualTo("invalid_json");
        assertThat(get(ada, "/api/convos/" + convo).json().get("isArchived").isMissingNode()
                || !get(ada, "/api/convos/" + convo).json().get("isArchived").asBoolean()).isTrue();
    }

    @Test
    void anotherPersonsConversationIs404WhateverTheChangeHolds() {
        Person ada = person();
        String convo = conversation(ada, "x");
        Person bob = person();

        for (String path : List.of("/api/convos/update", "/api/convos/archive", "/api/convos/pin")) {
            Http.Response refused = post(bob, path, "{\"arg\":{\"conversationId\":\"%s\",\"title\":7,\"isArchived\":\"x\",\"pinned\":{}}}"
                    .formatted(convo));
            assertThat(refused.status()).as(path).isEqualTo(404);
            assertThat(refused.json().get("message").asString()).as(path).isEqualTo("Conversation not found");
        }
        assertThat(get(ada, "/api/convos/" + convo).json().get("title").asString()).isEqualTo("New Chat");
    }

    @Test
    void deletingWithoutAConversationAnswersLibreChatsMessage() {
        Person ada = person();
        for (String body : List.of("{}", "{\"arg\":{}}", "{\"arg\":{\"source\":\"button\"}}")) {
            Http.Response refused = send(ada, "DELETE", "/api/convos", body);
            assertThat(refused.status()).as(body).isEqualTo(400);
            assertThat(refused.json().get("message").asString()).as(body).isEqualTo("no parameters provided");
        }
    }
}
