package io.parley.chat.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.chat.ChatIntegrationTest;
import io.parley.common.test.Http;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PromptIntegrationTest extends ChatIntegrationTest {

    private Http.Response create(Person who, String name, String text) {
        return post(who, "/api/prompts", """
                {"prompt":{"prompt":"%s","type":"text"},"group":{"name":"%s","category":"code","command":"fix-bug"}}"""
                .formatted(text, name));
    }

    @Test
    void aGroupStartsWithItsFirstVersionInProduction() {
        Person ada = person();
        Http.Response created = create(ada, "Bug fixer", "Fix this bug: {{code}}");
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().at("/group/productionPrompt/prompt").asString()).isEqualTo("Fix this bug: {{code}}");
        assertThat(created.json().at("/group/numberOfGenerations").asInt()).isZero();
        String groupId = created.json().at("/group/_id").asString();

        Http.Response page = get(ada, "/api/prompts/groups?pageSize=10");
        assertThat(page.json().get("promptGroups")).hasSize(1);
        assertThat(page.json().get("has_more").asBoolean()).isFalse();
        assertThat(get(ada, "/api/prompts/groups/" + groupId).json().get("name").asString()).isEqualTo("Bug fixer");
        assertThat(get(ada, "/api/prompts/all?category=code").json()).hasSize(1);
        assertThat(get(ada, "/api/prompts/all?name=bug").json()).hasSize(1);
        assertThat(get(ada, "/api/prompts/all?category=travel").json()).isEmpty();
    }

    @Test
    void aGroupSharedThroughTheAclIsSeenWithTheBitsItWasGivenAndItsEntriesGoWithIt() {
        Person ada = person();
        Person bob = person();
        String groupId = create(ada, "Shared fixer", "Fix: {{code}}").json().at("/group/_id").asString();
        assertThat(AUTH.bitsOf(groupId, ada.id())).as("the author owns the new group").isEqualTo(15);

        assertThat(get(bob, "/api/prompts/groups/" + groupId).status()).isEqualTo(404);
        assertThat(get(bob, "/api/prompts/all").json()).isEmpty();

        AUTH.grant(groupId, bob.id(), 1);
        assertThat(get(bob, "/api/prompts/groups/" + groupId).json().get("name").asString()).isEqualTo("Shared fixer");
        assertThat(get(bob, "/api/prompts/all").json().findValuesAsString("_id")).containsExactly(groupId);
        assertThat(get(bob, "/api/prompts?groupId=" + groupId).json()).hasSize(1);
        assertThat(send(bob, "PATCH", "/api/prompts/groups/" + groupId, "{\"name\":\"Mine now\"}").status()).isEqualTo(403);
        assertThat(send(bob, "DELETE", "/api/prompts/groups/" + groupId, null).status()).isEqualTo(403);

        AUTH.grant(groupId, bob.id(), 3);
        assertThat(send(bob, "PATCH", "/api/prompts/groups/" + groupId, "{\"name\":\"Improved\"}").status()).isEqualTo(200);
        assertThat(get(ada, "/api/prompts/groups/" + groupId).json().get("name").asString()).isEqualTo("Improved");

        assertThat(send(ada, "DELETE", "/api/prompts/groups/" + groupId, null).status()).isLessThan(300);
        assertThat(AUTH.bitsOf(groupId, ada.id())).as("the group's entries were revoked").isZero();
        assertThat(get(bob, "/api/prompts/groups/" + groupId).status()).isEqualTo(404);
    }

    @Test
    void versionsProductionUseAndDeletion() {
        Person ada = person();
        JsonNode created = create(ada, "Summarizer", "Summarize v1").json();
        String groupId = created.at("/group/_id").asString();
        String v1 = created.at("/prompt/_id").asString();

        String v2 = post(ada, "/api/prompts/groups/" + groupId + "/prompts", "{\"prompt\":{\"prompt\":\"Summarize v2\",\"type\":\"chat\"}}")
                .json().at("/prompt/_id").asString();
        assertThat(get(ada, "/api/prompts?groupId=" + groupId).json()).hasSize(2);

        assertThat(send(ada, "PATCH", "/api/prompts/" + v2 + "/tags/production", null).status()).isEqualTo(200);
        assertThat(get(ada, "/api/prompts/groups/" + groupId).json().at("/productionPrompt/prompt").asString()).isEqualTo("Summarize v2");

        assertThat(post(ada, "/api/prompts/groups/" + groupId + "/use", null).json().get("numberOfGenerations").asInt()).isEqualTo(1);
        assertThat(post(ada, "/api/prompts/groups/" + groupId + "/use", null).json().get("numberOfGenerations").asInt()).isEqualTo(2);

        JsonNode deleted = send(ada, "DELETE", "/api/prompts/" + v2, null).json();
        assertThat(deleted.get("prompt").asString()).isEqualTo("Prompt deleted successfully");
        assertThat(get(ada, "/api/prompts/groups/" + groupId).json().at("/productionPrompt/prompt").asString())
                .as("production falls back to the version left").isEqualTo("Summarize v1");
        assertThat(send(ada, "DELETE", "/api/prompts/" + v1, null).json().at("/promptGroup/id").asString()).isEqualTo(groupId);
        assertThat(get(ada, "/api/prompts/groups/" + groupId).status()).isEqualTo(404);
    }

    @Test
    void groupUpdatesAreStrictAndValidated() {
        Person ada = person();
        String groupId = create(ada, "Writer", "Write").json().at("/group/_id").asString();
        Http.Response renamed = send(ada, "PATCH", "/api/prompts/groups/" + groupId, "{\"name\":\"Editor\",\"oneliner\":\"Edits text\"}");
        assertThat(renamed.json().get("name").asString()).isEqualTo("Editor");
        assertThat(send(ada, "PATCH", "/api/prompts/" + groupId, "{\"category\":\"write\"}").json().get("category").asString())
                .isEqualTo("write");

        assertThat(send(ada, "PATCH", "/api/prompts/groups/" + groupId, "{\"author\":\"someone\"}").status()).isEqualTo(400);
        assertThat(send(ada, "PATCH", "/api/prompts/groups/" + groupId, "{\"command\":\"Bad Command!\"}").status()).isEqualTo(400);
        assertThat(send(ada, "PATCH", "/api/prompts/groups/" + groupId, "{\"name\":\"\"}").status()).isEqualTo(400);
        assertThat(post(ada, "/api/prompts", "{\"prompt\":{\"prompt\":\"x\"}}").status()).isEqualTo(400);
        assertThat(post(ada, "/api/prompts", "{\"prompt\":{\"prompt\":\"x\",\"type\":\"video\"},\"group\":{\"name\":\"n\"}}").status()).isEqualTo(400);
        assertThat(get(ada, "/api/prompts/groups/not-an-id").status()).isEqualTo(400);
        assertThat(get(ada, "/api/prompts/groups?pageSize=0").status()).isEqualTo(400);
    }

    @Test
    void anotherPersonsPromptsAreNotFound() {
        Person ada = person();
        Person bob = person();
        JsonNode created = create(ada, "Private", "secret").json();
        String groupId = created.at("/group/_id").asString();
        String promptId = created.at("/prompt/_id").asString();

        assertThat(get(bob, "/api/prompts/groups/" + groupId).status()).isEqualTo(404);
        assertThat(get(bob, "/api/prompts/" + promptId).status()).isEqualTo(404);
        assertThat(get(bob, "/api/prompts?groupId=" + groupId).status()).isEqualTo(404);
        assertThat(send(bob, "PATCH", "/api/prompts/groups/" + groupId, "{\"name\":\"pwned\"}").status()).isEqualTo(404);
        assertThat(post(bob, "/api/prompts/groups/" + groupId + "/prompts", "{\"prompt\":{\"prompt\":\"x\"}}").status()).isEqualTo(404);
        assertThat(send(bob, "PATCH", "/api/prompts/" + promptId + "/tags/production", null).status()).isEqualTo(404);
        assertThat(post(bob, "/api/prompts/groups/" + groupId + "/use", null).status()).isEqualTo(404);
        assertThat(send(bob, "DELETE", "/api/prompts/" + promptId, null).status()).isEqualTo(404);
        assertThat(send(bob, "DELETE", "/api/prompts/groups/" + groupId, null).status()).isEqualTo(404);
        assertThat(get(bob, "/api/prompts/all").json()).isEmpty();
        assertThat(get(ada, "/api/prompts/groups/" + groupId).json().get("name").asString()).isEqualTo("Private");
    }

    @Test
    void aStrangersGroupIsNotFoundWhateverTheBodyHolds() {
        Person ada = person();
        Person bob = person();
        String groupId = create(ada, "Private", "secret").json().at("/group/_id").asString();
        List<String> versions = List.of("{\"prompt\":{\"prompt\":{\"$gt\":\"\"}}}", "{\"prompt\":\"text\"}",
                "{\"prompt\":{\"prompt\":\"x\",\"type\":\"video\"}}");
        List<String> changes = List.of("{\"name\":5}", "{\"command\":\"Bad!\"}", "{\"author\":\"bob\"}");

        for (String body : versions) {
            assertThat(post(bob, "/api/prompts/groups/" + groupId + "/prompts", body).status()).as(body).isEqualTo(404);
            assertThat(post(ada, "/api/prompts/groups/" + groupId + "/prompts", body).status()).as(body).isEqualTo(400);
        }
        for (String body : changes) {
            assertThat(send(bob, "PATCH", "/api/prompts/groups/" + groupId, body).status()).as(body).isEqualTo(404);
            assertThat(send(ada, "PATCH", "/api/prompts/groups/" + groupId, body).status()).as(body).isEqualTo(400);
        }
        assertThat(get(ada, "/api/prompts?groupId=" + groupId).json()).hasSize(1);
    }

    @Test
    void refusalsNameTheFieldAndTheRule() {
        Person ada = person();
        String groupId = create(ada, "Writer", "Write").json().at("/group/_id").asString();

        assertThat(error(send(ada, "PATCH", "/api/prompts/groups/" + groupId, "{\"category\":\"%s\"}".formatted("c".repeat(101)))))
                .isEqualTo("category: must be 0 to 100 characters");
        assertThat(error(send(ada, "PATCH", "/api/prompts/groups/" + groupId, "{\"name\":\"  \"}")))
                .isEqualTo("name: must be 1 to 255 characters");
        assertThat(error(send(ada, "PATCH", "/api/prompts/groups/" + groupId, "{\"command\":\"Fix It\"}")))
                .isEqualTo("command: may hold only a-z, 0-9 and '-'");
        assertThat(error(send(ada, "PATCH", "/api/prompts/groups/" + groupId, "{\"author\":\"bob\"}")))
                .isEqualTo("author: cannot be changed here");
        assertThat(error(post(ada, "/api/prompts/groups/" + groupId + "/prompts", "{\"prompt\":{\"prompt\":\" \"}}")))
                .isEqualTo("prompt: must be 1 to 100000 characters");
        assertThat(error(post(ada, "/api/prompts/groups/" + groupId + "/prompts", "{\"prompt\":{\"prompt\":\"x\",\"type\":5}}")))
                .isEqualTo("type: must be text or chat");
        assertThat(error(post(ada, "/api/prompts", "{\"prompt\":{\"prompt\":\"x\"},\"group\":{}}")))
                .as("LibreChat's message").isEqualTo("Prompt and group name are required");
    }

    @Test
    void aChangeRemovesTheCommandOnlyWhenItIsSentAsNull() {
        Person ada = person();
        String groupId = create(ada, "Bug fixer", "Fix").json().at("/group/_id").asString();

        JsonNode renamed = send(ada, "PATCH", "/api/prompts/groups/" + groupId, "{\"name\":\"  Fixer  \"}").json();
        assertThat(renamed.get("name").asString()).as("trimmed").isEqualTo("Fixer");
        assertThat(renamed.get("command").asString()).isEqualTo("fix-bug");

        JsonNode cleared = send(ada, "PATCH", "/api/prompts/groups/" + groupId, "{\"command\":null}").json();
        assertThat(cleared.get("command").isNull()).isTrue();
        assertThat(cleared.get("name").asString()).isEqualTo("Fixer");
    }

    private static String error(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        return response.json().get("message").asString();
    }

    @Test
    void categoriesAreLibreChats() {
        JsonNode categories = get(person(), "/api/categories").json();
        assertThat(categories).hasSize(9);
        assertThat(categories.get(0).get("value").asString()).isEqualTo("idea");
        assertThat(categories.get(0).get("label").asString()).isEqualTo("com_ui_idea");
    }
}
