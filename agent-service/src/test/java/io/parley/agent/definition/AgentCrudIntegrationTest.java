package io.parley.agent.definition;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.agent.AgentIntegrationTest;
import io.parley.common.test.Http;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AgentCrudIntegrationTest extends AgentIntegrationTest {

    @Test
    void creatingAnswers201WithLibreChatsDocumentAndMakesTheCreatorItsOwner() {
        Person ada = user();

        JsonNode agent = createAgent(ada, """
                {"name":"Helper","provider":"openAI","model":"gpt-4o","tools":["search_mcp_web","calc"],
                 "model_parameters":{"temperature":0.2},"unknownField":"dropped","author":"someone-else"}""");

        assertThat(agent.get("id").asString()).matches("agent_[A-Za-z0-9_-]{21}");
        assertThat(agent.get("_id").asString()).matches("[0-9a-f]{24}");
        assertThat(agent.get("author").asString()).isEqualTo(ada.id());
        assertThat(agent.get("category").asString()).isEqualTo("general");
        assertThat(agent.get("version").asInt()).isEqualTo(1);
        assertThat(agent.get("versions")).hasSize(1);
        assertThat(agent.get("mcpServerNames").get(0).asString()).isEqualTo("web");
        assertThat(agent.get("model_parameters").get("temperature").asDouble()).isEqualTo(0.2);
        assertThat(agent.has("unknownField")).isFalse();
        assertThat(agent.has("tenantId")).isFalse();
        assertThat(AUTH.entries(tenant, agent.get("_id").asString()))
                .containsEntry(new io.parley.agent.FakeAuthServices.Principal("user", ada.id()),
                        new io.parley.agent.FakeAuthServices.Entry(15, "agent_owner"));
    }

    @Test
    void badBodiesAre400WithEveryFailingFieldAndStoreNothing() {
        Person ada = user();
        List<String> bodies = List.of(
                "{\"provider\":\"openAI\"}",
                "{\"provider\":\"openAI\",\"model\":\"\"}",
                "{\"provider\":\"openai\",\"model\":\"gpt-4o\"}",
                "{\"provider\":\"assistants\",\"model\":\"gpt-4o\"}",
                "{\"provider\":\"bad/provider\",\"model\":\"gpt-4o\"}",
                "{\"provider\":\"openAI\",\"model\":\"gpt-4o\",\"name\":\"" + "x".repeat(257) + "\"}",
                "{\"provider\":\"openAI\",\"model\":\"gpt-4o\",\"name\":5}",
                "{\"provider\":\"openAI\",\"model\":\"gpt-4o\",\"tools\":\"calc\"}",
                "{\"provider\":\"openAI\",\"model\":\"gpt-4o\",\"conversation_starters\":[\"a\",\"b\",\"c\",\"d\",\"e\"]}",
                "{\"provider\":\"openAI\",\"model\":\"gpt-4o\",\"model_parameters\":{\"$where\":1}}",
                "{\"provider\":\"openAI\",\"model\":\"gpt-4o\",\"model_parameters\":{\"t\":123456789012345678901234567890}}",
                "{\"provider\":\"openAI\",\"model\":\"gpt-4o\",\"recursion_limit\":0}",
                "{\"provider\":\"openAI\",\"model\":\"gpt-4o\",\"edges\":[{\"from\":\"a\"}]}",
                "{\"provider\":\"openAI\",\"model\":\"gpt-4o\",\"support_contact\":{\"email\":\"not-an-email\"}}");
        for (String body : bodies) {
            Http.Response response = post(ada, "/api/agents", body);
            assertThat(response.status()).as(body + " → " + response.body()).isEqualTo(400);
            assertThat(response.json().get("error").asString()).as(body).isEqualTo("Invalid request data");
            assertThat(response.json().get("details").isArray()).as(body).isTrue();
        }
        Http.Response both = post(ada, "/api/agents", "{\"name\":7}");
        assertThat(both.json().get("details").findValuesAsString("field")).contains("provider", "model", "name");
        assertThat(post(ada, "/api/agents", "not json").status()).isEqualTo(400);
        assertThat(get(ada, "/api/agents").json().get("data")).isEmpty();
    }

    @Test
    void aCustomEndpointNameIsAProvider() {
        JsonNode agent = createAgent(user(), "{\"provider\":\"OpenRouter (EU)\",\"model\":\"meta/llama\"}");
        assertThat(agent.get("provider").asString()).isEqualTo("OpenRouter (EU)");
    }

    @Test
    void getAnswersTheReducedShapeWithoutSecretsAndTheAuthorOnlyToTheAuthor() {
        Person ada = user();
        Person bob = user();
        JsonNode agent = createAgent(ada, """
                {"name":"Helper","instructions":"secret sauce","provider":"openAI","model":"gpt-4o",
                 "model_parameters":{"temperature":1,"apiKey":"sk-123","baseURL":"http://internal"}}""");
        share(agent, "user", bob.id(), "agent_viewer");

        JsonNode mine = get(ada, "/api/agents/" + agent.get("id").asString()).json();
        JsonNode theirs = get(bob, "/api/agents/" + agent.get("id").asString()).json();

        assertThat(mine.get("author").asString()).isEqualTo(ada.id());
        assertThat(theirs.has("author")).isFalse();
        for (JsonNode view : List.of(mine, theirs)) {
            assertThat(view.has("instructions")).isFalse();
            assertThat(view.has("versions")).isFalse();
            assertThat(view.get("version").asInt()).isEqualTo(1);
            assertThat(view.get("isPublic").asBoolean()).isFalse();
            assertThat(view.get("model_parameters").has("apiKey")).isFalse();
            assertThat(view.get("model_parameters").has("baseURL")).isFalse();
            assertThat(view.get("model_parameters").get("temperature").asInt()).isEqualTo(1);
        }
        JsonNode expanded = get(ada, "/api/agents/" + agent.get("id").asString() + "/expanded").json();
        assertThat(expanded.get("instructions").asString()).isEqualTo("secret sauce");
        assertThat(expanded.get("versions")).hasSize(1);
    }

    @Test
    void everyChangeAddsAVersionAndAChangeThatChangesNothingAddsNone() {
        Person ada = user();
        String id = createAgent(ada).get("id").asString();

        JsonNode changed = send(ada, "PATCH", "/api/agents/" + id, "{\"name\":\"Renamed\",\"model_parameters\":{\"temperature\":1}}").json();
        assertThat(changed.get("name").asString()).isEqualTo("Renamed");
        assertThat(changed.get("version").asInt()).isEqualTo(2);
        assertThat(changed.get("versions").get(1).get("name").asString()).isEqualTo("Renamed");
        assertThat(changed.get("versions").get(1).get("updatedBy").asString()).isEqualTo(ada.id());

        JsonNode same = send(ada, "PATCH", "/api/agents/" + id, "{\"name\":\"Renamed\",\"model_parameters\":{\"temperature\":1.0}}").json();
        assertThat(same.get("version").asInt()).isEqualTo(2);
        assertThat(same.get("updatedAt").asString()).isEqualTo(changed.get("updatedAt").asString());
        assertThat(send(ada, "PATCH", "/api/agents/" + id, "{\"not_a_field\":1}").json().get("version").asInt()).isEqualTo(2);
        assertThat(send(ada, "PATCH", "/api/agents/" + id, "{\"model\":\"\"}").status()).isEqualTo(400);
    }

    @Test
    void nullClearsNameDescriptionInstructionsAndAvatarAndIsRefusedForAnyOtherField() {
        Person ada = user();
        String id = createAgent(ada, """
                {"name":"Helper","description":"Helps","provider":"openAI","model":"gpt-4o",
                 "avatar":{"filepath":"/images/a.png","source":"local"}}""").get("id").asString();

        JsonNode cleared = send(ada, "PATCH", "/api/agents/" + id, "{\"description\":null,\"avatar\":null}").json();

        assertThat(cleared.get("name").asString()).isEqualTo("Helper");
        assertThat(cleared.get("description").isNull()).isTrue();
        assertThat(cleared.has("avatar")).isTrue();
        assertThat(cleared.get("avatar").isNull()).isTrue();
        assertThat(cleared.get("version").asInt()).isEqualTo(2);
        Http.Response refused = send(ada, "PATCH", "/api/agents/" + id, "{\"tools\":null,\"model\":null}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error").asString()).isEqualTo("Invalid request data");
        assertThat(refused.json().get("details").findValuesAsString("field")).containsExactly("model", "tools");
        assertThat(get(ada, "/api/agents/" + id + "/expanded").json().get("version").asInt()).isEqualTo(2);
    }

    @Test
    void revertRestoresAVersionsFieldsAndNeedsAnIndex() {
        Person ada = user();
        String id = createAgent(ada).get("id").asString();
        send(ada, "PATCH", "/api/agents/" + id, "{\"name\":\"Second\",\"conversation_starters\":[\"Hi\"]}");

        Http.Response missing = post(ada, "/api/agents/" + id + "/revert", "{}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("error").asString()).isEqualTo("version_index is required");
        assertThat(post(ada, "/api/agents/" + id + "/revert", "{\"version_index\":7}").status()).isEqualTo(400);
        assertThat(post(ada, "/api/agents/" + id + "/revert", "{\"version_index\":\"0\"}").status()).isEqualTo(400);

        JsonNode reverted = post(ada, "/api/agents/" + id + "/revert", "{\"version_index\":0}").json();
        assertThat(reverted.get("name").asString()).isEqualTo("Helper");
        assertThat(reverted.get("conversation_starters")).isEmpty();
        assertThat(reverted.get("version").asInt()).isEqualTo(2);
    }

    @Test
    void duplicateMakesTheCallersOwnCopyWithoutTheOriginalsFiles() {
        Person ada = user();
        JsonNode original = createAgent(ada, """
                {"name":"Helper","provider":"openAI","model":"gpt-4o",
                 "tool_resources":{"file_search":{"file_ids":["f1"]},"context":{"file_ids":["c1"]}}}""");

        Http.Response duplicated = post(ada, "/api/agents/" + original.get("id").asString() + "/duplicate", null);

        assertThat(duplicated.status()).isEqualTo(201);
        JsonNode copy = duplicated.json().get("agent");
        assertThat(duplicated.json().get("actions")).isEmpty();
        assertThat(copy.get("id").asString()).isNotEqualTo(original.get("id").asString());
        assertThat(copy.get("name").asString()).matches("Helper \\(\\d{1,2}/\\d{1,2}/\\d{2}, \\d{2}:\\d{2}\\)");
        assertThat(copy.get("tool_resources").has("file_search")).isFalse();
        assertThat(copy.get("tool_resources").get("context").get("file_ids").get(0).asString()).isEqualTo("c1");
        assertThat(copy.get("version").asInt()).isEqualTo(1);
        assertThat(AUTH.entries(tenant, copy.get("_id").asString())).hasSize(1);
    }

    @Test
    void deleteRemovesTheAgentAndItsAclEntries() {
        Person ada = user();
        JsonNode agent = createAgent(ada);
        share(agent, "public", null, "agent_viewer");

        Http.Response deleted = send(ada, "DELETE", "/api/agents/" + agent.get("id").asString(), null);

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("message").asString()).isEqualTo("Agent deleted");
        Http.Response gone = get(ada, "/api/agents/" + agent.get("id").asString());
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("error").asString()).isEqualTo("Agent not found");
        assertThat(AUTH.entries(tenant, agent.get("_id").asString())).isEmpty();
    }

    @Test
    void theListPagesNewestFirstWithLibreChatsCursorAndFilters() {
        Person ada = user();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(createAgent(ada, """
                    {"name":"Agent %d","description":"%s","provider":"anthropic","model":"claude","category":"%s"}"""
                    .formatted(i, i == 3 ? "Finds Needles" : "plain", i % 2 == 0 ? "hr" : "it")).get("id").asString());
        }

        JsonNode first = get(ada, "/api/agents?limit=2").json();
        assertThat(first.get("object").asString()).isEqualTo("list");
        assertThat(first.get("data").findValuesAsString("id")).containsExactly(created.get(4), created.get(3));
        assertThat(first.get("first_id").asString()).isEqualTo(created.get(4));
        assertThat(first.get("last_id").asString()).isEqualTo(created.get(3));
        assertThat(first.get("has_more").asBoolean()).isTrue();
        String after = first.get("after").asString();
        assertThat(new String(java.util.Base64.getDecoder().decode(after))).contains("\"updatedAt\"", "\"_id\"");

        List<String> all = new ArrayList<>(first.get("data").findValuesAsString("id"));
        String cursor = after;
        while (cursor != null) {
            JsonNode page = get(ada, "/api/agents?limit=2&cursor=" + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8)).json();
            all.addAll(page.get("data").findValuesAsString("id"));
            cursor = page.get("has_more").asBoolean() ? page.get("after").asString() : null;
        }
        assertThat(all).containsExactlyElementsOf(created.reversed());

        assertThat(get(ada, "/api/agents?category=hr").json().get("data")).hasSize(3);
        assertThat(get(ada, "/api/agents?search=needle").json().get("data").findValuesAsString("id")).containsExactly(created.get(3));
        assertThat(get(ada, "/api/agents?search=.*").json().get("data")).isEmpty();
        assertThat(get(ada, "/api/agents?limit=0").json().get("data")).hasSize(1);
        assertThat(get(ada, "/api/agents?limit=99999").json().get("data")).hasSize(5);
        assertThat(get(ada, "/api/agents?cursor=garbage!").status()).isEqualTo(400);
        JsonNode item = get(ada, "/api/agents").json().get("data").get(0);
        assertThat(item.has("instructions")).isFalse();
        assertThat(item.get("author").asString()).isEqualTo(ada.id());
        assertThat(item.has("isPublic")).isTrue();
    }

    @Test
    void requiredPermissionNarrowsTheListToWhatTheCallerMayEdit() {
        Person ada = user();
        Person bob = user();
        JsonNode viewOnly = createAgent(ada);
        JsonNode editable = createAgent(ada);
        share(viewOnly, "user", bob.id(), "agent_viewer");
        share(editable, "user", bob.id(), "agent_editor");
        String own = createAgent(bob).get("id").asString();

        assertThat(get(bob, "/api/agents").json().get("data").findValuesAsString("id"))
                .containsExactlyInAnyOrder(viewOnly.get("id").asString(), editable.get("id").asString(), own);
        assertThat(get(bob, "/api/agents?requiredPermission=2").json().get("data").findValuesAsString("id"))
                .containsExactlyInAnyOrder(editable.get("id").asString(), own);
        for (JsonNode item : get(bob, "/api/agents").json().get("data")) {
            assertThat(item.has("author")).as(item.toString()).isEqualTo(item.get("id").asString().equals(own));
        }
    }

    @Test
    void concurrentEditsEachEitherLandAsTheirOwnVersionOrAre409() throws Exception {
        Person ada = user();
        String id = createAgent(ada).get("id").asString();
        List<java.util.concurrent.Future<Http.Response>> edits = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                String body = "{\"name\":\"Edit " + i + "\"}";
                edits.add(pool.submit(() -> send(ada, "PATCH", "/api/agents/" + id, body)));
            }
        }
        int landed = 0;
        for (var edit : edits) {
            int status = edit.get().status();
            assertThat(status).isIn(200, 409);
            landed += status == 200 ? 1 : 0;
        }
        assertThat(landed).isPositive();
        assertThat(get(ada, "/api/agents/" + id + "/expanded").json().get("versions")).hasSize(1 + landed);
    }
}
