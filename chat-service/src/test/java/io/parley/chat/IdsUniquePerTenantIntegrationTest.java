package io.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.test.Http;
import org.junit.jupiter.api.Test;

/**
 * Conversation, message and preset ids are unique within a tenant: a user who names another user's id
 * gets 404 (before the body is looked at) and nothing is stored for them, on reads, writes, upserts
 * and deletes alike. Another tenant is another namespace.
 */
class IdsUniquePerTenantIntegrationTest extends ChatIntegrationTest {

    private static final String NO_PARENT = "00000000-0000-0000-0000-000000000000";

    @Test
    void anotherUsersConversationIdIsNotFoundForAMessageSaveAndStoresNothing() {
        Person ada = person();
        Person bob = person();
        String convo = conversation(ada, "Ada's words");
        String before = get(ada, "/api/messages/" + convo).body();

        assertThat(saveMessage(bob, convo, uuid(), NO_PARENT, "shadow").status()).isEqualTo(404);
        assertThat(post(bob, "/api/messages/" + convo, "{\"messageId\":\"not-a-uuid\",\"text\":1}").status())
                .as("a stranger's id with a bad body").isEqualTo(404);

        assertThat(get(ada, "/api/messages/" + convo).body()).isEqualTo(before);
        assertNothingStoredFor(bob, convo);
    }

    @Test
    void anotherUsersMessageIdIsNotFoundAndStoresNoConversationEither() {
        Person ada = person();
        Person bob = person();
        String convo = conversation(ada, "Ada's words");
        String message = get(ada, "/api/messages/" + convo).json().get(0).get("messageId").asString();
        String before = get(ada, "/api/messages/" + convo).body();
        String bobsNewConvo = uuid();

        assertThat(saveMessage(bob, bobsNewConvo, message, NO_PARENT, "shadow").status()).isEqualTo(404);

        assertThat(get(ada, "/api/messages/" + convo).body()).isEqualTo(before);
        assertNothingStoredFor(bob, bobsNewConvo);
    }

    @Test
    void editingAnotherUsersMessageIsNotFoundEvenWithABadBody() {
        Person ada = person();
        Person bob = person();
        String convo = conversation(ada, "Ada's words");
        String message = get(ada, "/api/messages/" + convo).json().get(0).get("messageId").asString();
        String before = get(ada, "/api/messages/" + convo).body();

        assertThat(send(bob, "PUT", "/api/messages/" + convo + "/" + message, "{}").status()).isEqualTo(404);
        assertThat(send(bob, "PUT", "/api/messages/" + convo + "/" + message + "/feedback",
                "{\"feedback\":{\"rating\":\"meh\"}}").status()).isEqualTo(404);
        assertThat(post(bob, "/api/messages/artifact/" + message, "{}").status()).isEqualTo(404);
        assertThat(send(bob, "DELETE", "/api/messages/" + convo + "/" + message, null).status()).isEqualTo(404);

        assertThat(get(ada, "/api/messages/" + convo).body()).isEqualTo(before);
    }

    @Test
    void taggingAnotherUsersConversationIsNotFoundAndStoresNothing() {
        Person ada = person();
        Person bob = person();
        String convo = conversation(ada, "Ada's words");
        String before = get(ada, "/api/convos/" + convo).body();

        assertThat(send(bob, "PUT", "/api/tags/convo/" + convo, "{\"tags\":[\"stolen\"]}").status()).isEqualTo(404);
        assertThat(send(bob, "PUT", "/api/tags/convo/" + convo, "{\"tags\":[\"\"]}").status())
                .as("a stranger's id with a bad body").isEqualTo(404);
        assertThat(post(bob, "/api/tags", "{\"tag\":\"stolen\",\"addToConversation\":true,\"conversationId\":\"%s\"}"
                .formatted(convo)).status()).isEqualTo(404);

        assertThat(get(bob, "/api/tags").json().isEmpty()).isTrue();
        assertThat(get(ada, "/api/convos/" + convo).body()).isEqualTo(before);
        assertNothingStoredFor(bob, convo);
    }

    @Test
    void renamingArchivingOrPinningAnotherUsersConversationIsNotFoundEvenWithABadBody() {
        Person ada = person();
        Person bob = person();
        String convo = conversation(ada, "Ada's words");
        String before = get(ada, "/api/convos/" + convo).body();

        assertThat(post(bob, "/api/convos/update", "{\"arg\":{\"conversationId\":\"%s\",\"title\":\"mine\"}}".formatted(convo))
                .status()).isEqualTo(404);
        assertThat(post(bob, "/api/convos/update", "{\"arg\":{\"conversationId\":\"%s\"}}".formatted(convo)).status())
                .isEqualTo(404);
        assertThat(post(bob, "/api/convos/archive", "{\"arg\":{\"conversationId\":\"%s\"}}".formatted(convo)).status())
                .isEqualTo(404);
        assertThat(post(bob, "/api/convos/pin", "{\"arg\":{\"conversationId\":\"%s\"}}".formatted(convo)).status())
                .isEqualTo(404);

        assertThat(get(ada, "/api/convos/" + convo).body()).isEqualTo(before);
        assertNothingStoredFor(bob, convo);
    }

    @Test
    void forkingOrDuplicatingAnotherUsersConversationIsNotFoundAndStoresNothing() {
        Person ada = person();
        Person bob = person();
        String convo = conversation(ada, "Ada's words");
        String message = get(ada, "/api/messages/" + convo).json().get(0).get("messageId").asString();

        assertThat(post(bob, "/api/convos/duplicate", "{\"conversationId\":\"%s\"}".formatted(convo)).status()).isEqualTo(404);
        assertThat(post(bob, "/api/convos/duplicate", "{\"conversationId\":\"%s\",\"title\":\"\"}".formatted(convo)).status())
                .as("a stranger's id with a bad title").isEqualTo(404);
        assertThat(post(bob, "/api/convos/fork", "{\"conversationId\":\"%s\",\"messageId\":\"%s\"}".formatted(convo, message))
                .status()).isEqualTo(404);
        assertThat(get(bob, "/api/convos/export/" + convo).status()).isEqualTo(404);

        assertThat(get(ada, "/api/convos").json().get("conversations")).hasSize(1);
        assertNothingStoredFor(bob, convo);
    }

    @Test
    void deletingAnotherUsersConversationIsNotFoundAndKeepsIt() {
        Person ada = person();
        Person bob = person();
        String convo = conversation(ada, "Ada's words");
        String before = get(ada, "/api/messages/" + convo).body();

        assertThat(send(bob, "DELETE", "/api/convos", "{\"arg\":{\"conversationId\":\"%s\"}}".formatted(convo)).status())
                .isEqualTo(404);
        assertThat(send(bob, "DELETE", "/api/convos/" + convo, null).status()).isEqualTo(404);
        assertThat(send(bob, "DELETE", "/api/convos/all", null).status()).isEqualTo(201);

        assertThat(get(ada, "/api/messages/" + convo).body()).isEqualTo(before);
        assertThat(get(ada, "/api/convos/" + convo).status()).isEqualTo(200);
    }

    @Test
    void aChatTurnInAnotherUsersConversationIsNotFoundEvenWithABadBody() {
        Person ada = person();
        Person bob = person();
        String convo = conversation(ada, "Ada's words");
        String parent = get(ada, "/api/messages/" + convo).json().get(1).get("messageId").asString();
        String before = get(ada, "/api/messages/" + convo).body();

        assertThat(post(bob, "/api/agents/chat/FakeAI", """
                {"text":"shadow","parentMessageId":"%s","conversationId":"%s","messageId":"%s","model":"fake-model"}"""
                .formatted(parent, convo, uuid())).status()).isEqualTo(404);
        assertThat(post(bob, "/api/agents/chat/FakeAI", """
                {"text":"shadow","conversationId":"%s","model":"no-such-model"}""".formatted(convo)).status())
                .as("a stranger's id with a bad model").isEqualTo(404);

        assertThat(get(bob, "/api/agents/chat/active").json().get("activeJobIds").isEmpty()).isTrue();
        assertThat(get(ada, "/api/messages/" + convo).body()).isEqualTo(before);
        assertNothingStoredFor(bob, convo);
    }

    @Test
    void anotherUsersPresetIdIsNotFoundAndStoresNothing() {
        Person ada = person();
        Person bob = person();
        String id = post(ada, "/api/presets", "{\"title\":\"Ada's\",\"defaultPreset\":true}").json().get("presetId").asString();
        String before = get(ada, "/api/presets").body();

        assertThat(post(bob, "/api/presets", "{\"presetId\":\"%s\",\"title\":\"shadow\"}".formatted(id)).status()).isEqualTo(404);
        assertThat(post(bob, "/api/presets", "{\"presetId\":\"%s\",\"title\":{\"$ne\":1}}".formatted(id)).status())
                .as("a stranger's id with a bad body").isEqualTo(404);
        assertThat(send(bob, "PUT", "/api/presets/" + id, "{\"title\":7}").status()).isEqualTo(404);
        assertThat(send(bob, "DELETE", "/api/presets/" + id, null).status()).isEqualTo(404);
        assertThat(post(bob, "/api/presets/delete", "{\"presetId\":\"%s\"}".formatted(id)).status()).isEqualTo(404);

        assertThat(get(bob, "/api/presets").json().isEmpty()).isTrue();
        assertThat(get(ada, "/api/presets").body()).isEqualTo(before);
    }

    @Test
    void anotherUsersPromptGroupIsNotFoundEvenWithABadBody() {
        Person ada = person();
        Person bob = person();
        String groupId = post(ada, "/api/prompts", "{\"prompt\":{\"prompt\":\"Summarize\"},\"group\":{\"name\":\"Ada's\"}}")
                .json().at("/group/_id").asString();

        assertThat(post(bob, "/api/prompts/groups/" + groupId + "/prompts", "{}").status()).isEqualTo(404);
        assertThat(send(bob, "PATCH", "/api/prompts/groups/" + groupId, "{\"author\":\"bob\"}").status()).isEqualTo(404);

        assertThat(get(ada, "/api/prompts/groups/" + groupId).json().get("name").asString()).isEqualTo("Ada's");
        assertThat(get(ada, "/api/prompts?groupId=" + groupId).json()).hasSize(1);
    }

    @Test
    void theOwnersDeletesAnswerLibreChatsStatuses() {
        Person ada = person();
        String first = conversation(ada, "one");
        String second = conversation(ada, "two");
        String message = get(ada, "/api/messages/" + second).json().get(1).get("messageId").asString();
        String preset = post(ada, "/api/presets", "{\"title\":\"p\"}").json().get("presetId").asString();

        assertThat(send(ada, "DELETE", "/api/messages/" + second + "/" + message, null).status()).isEqualTo(204);
        assertThat(send(ada, "DELETE", "/api/convos", "{\"arg\":{\"conversationId\":\"%s\"}}".formatted(first)).status())
                .isEqualTo(201);
        assertThat(send(ada, "DELETE", "/api/convos/all", null).status()).isEqualTo(201);
        assertThat(post(ada, "/api/presets/delete", "{\"presetId\":\"%s\"}".formatted(preset)).status()).isEqualTo(201);
    }

    @Test
    void theSameIdsInAnotherTenantBelongToTheirOwnUser() {
        Person ada = person("acme");
        Person twin = person("globex");
        String convo = uuid();
        String message = uuid();
        String preset = uuid();

        assertThat(saveMessage(ada, convo, message, NO_PARENT, "acme's").status()).isEqualTo(201);
        assertThat(saveMessage(twin, convo, message, NO_PARENT, "globex's").status()).isEqualTo(201);
        assertThat(post(ada, "/api/presets", "{\"presetId\":\"%s\",\"title\":\"acme's\"}".formatted(preset)).status()).isEqualTo(201);
        assertThat(post(twin, "/api/presets", "{\"presetId\":\"%s\",\"title\":\"globex's\"}".formatted(preset)).status())
                .isEqualTo(201);

        assertThat(get(ada, "/api/messages/" + convo).json().get(0).get("text").asString()).isEqualTo("acme's");
        assertThat(get(twin, "/api/messages/" + convo).json().get(0).get("text").asString()).isEqualTo("globex's");
        assertThat(get(ada, "/api/presets").json().get(0).get("title").asString()).isEqualTo("acme's");
        assertThat(get(twin, "/api/presets").json().get(0).get("title").asString()).isEqualTo("globex's");
    }

    /** The person has no conversation, message or tag from the attempt, by their own list routes. */
    private void assertNothingStoredFor(Person who, String conversationId) {
        Http.Response convos = get(who, "/api/convos");
        assertThat(convos.json().get("conversations").isEmpty()).as(convos.body()).isTrue();
        assertThat(get(who, "/api/convos/" + conversationId).status()).isEqualTo(404);
        assertThat(get(who, "/api/messages/" + conversationId).status()).isEqualTo(404);
        assertThat(get(who, "/api/messages?search=shadow").json().get("messages").isEmpty()).isTrue();
    }
}
