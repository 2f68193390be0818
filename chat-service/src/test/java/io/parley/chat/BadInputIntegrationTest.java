package io.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.test.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every malformed request is a 400 in Parley's shape, never a 500, and stores nothing. */
class BadInputIntegrationTest extends ChatIntegrationTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "/api/convos/not-a-uuid",
            "/api/messages/not-a-uuid",
            "/api/messages/%s/not-a-uuid",
            "/api/convos?sortBy=password",
            "/api/convos?sortDirection=sideways",
            "/api/convos?limit=0",
            "/api/convos?limit=-5",
            "/api/convos?limit=100000",
            "/api/convos?limit=abc",
            "/api/convos?isArchived=maybe",
            "/api/convos?cursor=%7B%7Bbroken",
            "/api/convos?cursor=bm90IGEgY3Vyc29y",
            "/api/messages?conversationId=%s&sortBy=text",
            "/api/messages?conversationId=%s&pageSize=0",
            "/api/messages?conversationId=%s&cursor=garbage"})
    void badQueriesAre400(String template) {
        Person ada = person();
        String convo = conversation(ada, "x");
        Http.Response response = get(ada, template.replace("%s", convo));
        assertThat(response.status()).as(template).isEqualTo(400);
        assertThat(response.json().get("error").asString()).isIn("invalid_request", "invalid_json");
        assertThat(response.json().get("message").asString()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"messageId\":\"not-a-uuid\",\"text\":\"x\"}",
            "{\"text\":\"no id\"}",
            "{\"messageId\":\"%m\",\"parentMessageId\":\"nope\",\"text\":\"x\"}",
            "{\"messageId\":\"%m\",\"conversationId\":\"%o\",\"text\":\"x\"}",
            "{\"messageId\":\"%m\",\"text\":{\"$gt\":\"\"}}",
            "{\"messageId\":\"%m\",\"content\":\"not a list\"}",
            "{\"messageId\":\"%m\",\"content\":[{\"$where\":\"sleep(1000)\"}]}",
            "{\"messageId\":\"%m\",\"content\":[{\"a.b\":1}]}",
            "{\"messageId\":\"%m\",\"isCreatedByUser\":\"yes please\"}",
            "{\"messageId\":\"%m\",\"tokenCount\":-1}",
            "{\"messageId\":\"%m\",\"sender\":\"%long\"}",
            "{\"messageId\":"})
    void badMessagesAre400AndStoreNothing(String template) {
        Person ada = person();
        String convo = uuid();
        String body = template.replace("%m", uuid()).replace("%o", uuid()).replace("%long", "s".repeat(300));
        Http.Response response = post(ada, "/api/messages/" + convo, body);
        assertThat(response.status()).as(body).isEqualTo(400);
        assertThat(get(ada, "/api/convos").json().get("conversations").isEmpty()).as("no conversation was created").isTrue();
    }

    @Test
    void oversizeTextIs400() {
        Person ada = person();
        String convo = uuid();
        Http.Response response = post(ada, "/api/messages/" + convo,
                "{\"messageId\":\"%s\",\"text\":\"%s\"}".formatted(uuid(), "x".repeat(500_001)));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("message").asString()).contains("text");
    }

    @Test
    void malformedConversationChangesAre400() {
        Person ada = person();
        String convo = conversation(ada, "x");
        assertThat(post(ada, "/api/convos/update", "{}").status()).isEqualTo(400);
        assertThat(post(ada, "/api/convos/update", "{\"arg\":{\"conversationId\":\"%s\"}}".formatted(convo)).status()).isEqualTo(400);
        assertThat(post(ada, "/api/convos/update", "{\"arg\":{\"conversationId\":\"%s\",\"title\":\"%s\"}}".formatted(convo, "t".repeat(1025))).status()).isEqualTo(400);
        assertThat(post(ada, "/api/convos/update", "{\"arg\":{\"conversationId\":\"%s\",\"title\":\"   \"}}".formatted(convo)).status()).isEqualTo(400);
        assertThat(post(ada, "/api/convos/archive", "{\"arg\":{\"conversationId\":\"%s\",\"isArchived\":\"soon\"}}".formatted(convo)).status()).isEqualTo(400);
        assertThat(send(ada, "DELETE", "/api/convos", "{\"arg\":{\"conversationId\":{\"$ne\":null}}}").status()).isEqualTo(400);
        assertThat(send(ada, "DELETE", "/api/convos", null).status()).isEqualTo(400);
        String message = get(ada, "/api/messages/" + convo).json().get(0).get("messageId").asString();
        assertThat(send(ada, "PUT", "/api/messages/" + convo + "/" + message, "{\"index\":1}").status()).isEqualTo(400);
        assertThat(get(ada, "/api/convos/" + convo).json().get("title").asString()).isEqualTo("New Chat");
    }
}
