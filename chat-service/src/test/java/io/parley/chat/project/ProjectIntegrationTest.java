package io.parley.chat.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.chat.ChatIntegrationTest;
import io.parley.common.test.Http;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ProjectIntegrationTest extends ChatIntegrationTest {

    @Test
    void aProjectIsCreatedReadRenamedAndDeletedInLibreChatsShape() {
        Person ada = person();
        Http.Response created = post(ada, "/api/projects", "{\"name\":\"  Thesis  \"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode project = created.json();
        String id = project.get("_id").asString();
        assertThat(ObjectId.isValid(id)).isTrue();
        assertThat(project.get("name").asString()).isEqualTo("Thesis");
        assertThat(project.get("description").asString()).isEmpty();
        assertThat(project.get("user").asString()).isEqualTo(ada.id());
        assertThat(project.get("conversationCount").asLong()).isZero();
        assertThat(project.get("lastConversationAt").isNull()).isTrue();
        assertThat(project.get("lastConversationId").isNull()).isTrue();
        assertThat(Instant.parse(project.get("createdAt").asString())).isEqualTo(Instant.parse(project.get("updatedAt").asString()));
        assertThat(project.has("tenantId")).isFalse();

        assertThat(get(ada, "/api/projects/" + id).json().get("name").asString()).isEqualTo("Thesis");
        Http.Response renamed = send(ada, "PATCH", "/api/projects/" + id, "{\"name\":\"Dissertation\",\"description\":\" Chapter drafts \"}");
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().get("name").asString()).isEqualTo("Dissertation");
        assertThat(renamed.json().get("description").asString()).isEqualTo("Chapter drafts");
        Http.Response described = send(ada, "PATCH", "/api/projects/" + id, "{\"description\":42}");
        assertThat(described.json().get("name").asString()).isEqualTo("Dissertation");
        assertThat(described.json().get("description").asString()).isEmpty();

        Http.Response deleted = send(ada, "DELETE", "/api/projects/" + id, null);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("deletedCount").asLong()).isEqualTo(1);
        assertThat(deleted.json().get("modifiedCount").asLong()).isZero();
        assertThat(get(ada, "/api/projects/" + id).status()).isEqualTo(404);
        assertThat(send(ada, "DELETE", "/api/projects/" + id, null).status()).isEqualTo(404);
    }

    @Test
    void aNameIsRequiredAndLongTextIsCutAsLibreChatCutsIt() {
        Person ada = person();
        for (String body : List.of("{}", "{\"name\":\"   \"}", "{\"name\":7}", "{\"name\":null}")) {
            Http.Response refused = post(ada, "/api/projects", body);
            assertThat(refused.status()).as(body).isEqualTo(400);
            assertThat(refused.json().get("error").asString()).isEqualTo("name is required");
        }
        assertThat(post(ada, "/api/projects", "").status()).isEqualTo(400);
        assertThat(projects(ada, "")).isEmpty();

        JsonNode project = post(ada, "/api/projects", "{\"name\":\"%s\",\"description\":\"%s\"}"
                .formatted("n".repeat(150), "d".repeat(1200))).json();
        assertThat(project.get("name").asString()).hasSize(100);
        assertThat(project.get("description").asString()).hasSize(1000);

        String id = project.get("_id").asString();
        Http.Response blank = send(ada, "PATCH", "/api/projects/" + id, "{\"name\":null}");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.json().get("error").asString()).isEqualTo("name is required");
        assertThat(get(ada, "/api/projects/" + id).json().get("name").asString()).hasSize(100);
    }

    @Test
    void anIdThatIsNoProjectOfTheCallersIsNotFoundAndNothingChanges() {
        Person ada = person("acme");
        Person bob = person("acme");
        Person adaElsewhere = person(ada.id(), "other");
        String id = project(ada, "Mine");

        for (Person stranger : List.of(bob, adaElsewhere)) {
            Http.Response read = get(stranger, "/api/projects/" + id);
            assertThat(read.status()).isEqualTo(404);
            assertThat(read.json().get("error").asString()).isEqualTo("Project not found");
            // the body is not looked at: an invalid one is 404 as well
            assertThat(send(stranger, "PATCH", "/api/projects/" + id, "{\"name\":\"\"}").status()).isEqualTo(404);
            assertThat(send(stranger, "PATCH", "/api/projects/" + id, "{\"name\":\"Theirs\"}").status()).isEqualTo(404);
            assertThat(send(stranger, "DELETE", "/api/projects/" + id, null).status()).isEqualTo(404);
            assertThat(projects(stranger, "")).isEmpty();
        }
        for (String malformed : List.of("nope", "123", "zzzzzzzzzzzzzzzzzzzzzzzz")) {
            assertThat(get(ada, "/api/projects/" + malformed).status()).isEqualTo(404);
            assertThat(send(ada, "PATCH", "/api/projects/" + malformed, "{\"name\":\"x\"}").status()).isEqualTo(404);
            assertThat(send(ada, "DELETE", "/api/projects/" + malformed, null).status()).isEqualTo(404);
        }
        assertThat(get(ada, "/api/projects/" + id).json().get("name").asString()).isEqualTo("Mine");
    }

    @Test
    void aConversationIsFiledMovedAndTakenOutAndTheCountsFollow() {
        Person ada = person();
        String thesis = project(ada, "Thesis");
        String travel = project(ada, "Travel");
        String first = conversation(ada, "first");
        String second = conversation(ada, "second");
        String loose = conversation(ada, "loose");

        Http.Response filed = assign(ada, first, "\"" + thesis + "\"");
        assertThat(filed.status()).as(filed.body()).isEqualTo(200);
        assertThat(filed.json().get("conversation").get("conversationId").asString()).isEqualTo(first);
        assertThat(filed.json().get("conversation").get("chatProjectId").asString()).isEqualTo(thesis);
        assertThat(filed.json().get("conversation").get("title").asString()).isEqualTo("New Chat");
        assertThat(filed.json().get("previousProjectId").isNull()).isTrue();
        assertThat(filed.json().get("projectId").asString()).isEqualTo(thesis);
        assign(ada, second, "\"" + thesis + "\"");

        JsonNode counted = get(ada, "/api/projects/" + thesis).json();
        assertThat(counted.get("conversationCount").asLong()).isEqualTo(2);
        assertThat(counted.get("lastConversationId").asString()).isEqualTo(second);
        assertThat(counted.get("lastConversationAt").isNull()).isFalse();
        assertThat(conversationIds(ada, "?projectId=" + thesis)).containsExactlyInAnyOrder(first, second);
        assertThat(conversationIds(ada, "?projectId=unassigned")).containsExactly(loose);
        assertThat(get(ada, "/api/convos?projectId=" + thesis).json().get("conversations").get(0).get("chatProjectId")
                .asString()).isEqualTo(thesis);

        Http.Response moved = assign(ada, first, "\"" + travel + "\"");
        assertThat(moved.json().get("previousProjectId").asString()).isEqualTo(thesis);
        assertThat(moved.json().get("projectId").asString()).isEqualTo(travel);
        assertThat(count(ada, thesis)).isEqualTo(1);
        assertThat(count(ada, travel)).isEqualTo(1);

        Http.Response out = assign(ada, first, "null");
        assertThat(out.json().get("previousProjectId").asString()).isEqualTo(travel);
        assertThat(out.json().get("projectId").isNull()).isTrue();
        assertThat(out.json().get("conversation").has("chatProjectId")).isFalse();
        assertThat(send(ada, "PUT", "/api/projects/conversations/" + second, "{\"projectId\":\"\"}").json()
                .get("projectId").isNull()).isTrue();
        assertThat(count(ada, travel)).isZero();
        assertThat(get(ada, "/api/projects/" + travel).json().get("lastConversationAt").isNull()).isTrue();
        assertThat(conversationIds(ada, "?projectId=unassigned")).containsExactlyInAnyOrder(first, second, loose);
    }

    @Test
    void countsFollowNewMessagesArchivingAndDeletingOfTheProjectsConversations() {
        Person ada = person();
        String thesis = project(ada, "Thesis");
        String older = conversation(ada, "older");
        String newer = conversation(ada, "newer");
        assign(ada, older, "\"" + thesis + "\"");
        assign(ada, newer, "\"" + thesis + "\"");
        assertThat(get(ada, "/api/projects/" + thesis).json().get("lastConversationId").asString()).isEqualTo(newer);

        saveMessage(ada, older, uuid(), "00000000-0000-0000-0000-000000000000", "back to this one");
        assertThat(get(ada, "/api/projects/" + thesis).json().get("lastConversationId").asString()).isEqualTo(older);

        post(ada, "/api/convos/archive", "{\"arg\":{\"conversationId\":\"%s\",\"isArchived\":true}}".formatted(older));
        JsonNode afterArchive = get(ada, "/api/projects/" + thesis).json();
        assertThat(afterArchive.get("conversationCount").asLong()).isEqualTo(1);
        assertThat(afterArchive.get("lastConversationId").asString()).isEqualTo(newer);

        send(ada, "DELETE", "/api/convos/" + newer, null);
        JsonNode listed = projects(ada, "").getFirst();
        assertThat(listed.get("conversationCount").asLong()).isZero();
        assertThat(listed.get("lastConversationId").isNull()).isTrue();
    }

    @Test
    void deletingAProjectKeepsItsConversationsFiledUnderNone() {
        Person ada = person();
        String thesis = project(ada, "Thesis");
        String one = conversation(ada, "one");
        String two = conversation(ada, "two");
        assign(ada, one, "\"" + thesis + "\"");
        assign(ada, two, "\"" + thesis + "\"");

        Http.Response deleted = send(ada, "DELETE", "/api/projects/" + thesis, null);
        assertThat(deleted.json().get("deletedCount").asLong()).isEqualTo(1);
        assertThat(deleted.json().get("modifiedCount").asLong()).isEqualTo(2);
        assertThat(get(ada, "/api/convos/" + one).json().has("chatProjectId")).isFalse();
        assertThat(get(ada, "/api/messages/" + two).json()).hasSize(2);
        assertThat(conversationIds(ada, "?projectId=unassigned")).containsExactlyInAnyOrder(one, two);
    }

    @Test
    void onlyTheCallersOwnConversationAndProjectCanBeFiledAndARefusalStoresNothing() {
        Person ada = person("acme");
        Person bob = person("acme");
        Person adaElsewhere = person(ada.id(), "other");
        String adas = project(ada, "Ada's");
        String bobs = project(bob, "Bob's");
        String adasConvo = conversation(ada, "mine");
        String bobsConvo = conversation(bob, "his");

        for (Person stranger : List.of(bob, adaElsewhere)) {
            Http.Response foreign = send(stranger, "PUT", "/api/projects/conversations/" + adasConvo,
                    "{\"projectId\":" + (stranger == bob ? "\"" + bobs + "\"" : "null") + "}");
            assertThat(foreign.status()).isEqualTo(404);
            assertThat(foreign.json().get("error").asString()).isEqualTo("Conversation not found");
            // checked before the body: a wrong one is 404 too
            assertThat(send(stranger, "PUT", "/api/projects/conversations/" + adasConvo, "{\"projectId\":5}").status())
                    .isEqualTo(404);
        }
        Http.Response othersProject = assign(ada, adasConvo, "\"" + bobs + "\"");
        assertThat(othersProject.status()).isEqualTo(404);
        assertThat(othersProject.json().get("error").asString()).isEqualTo("Project not found");
        assertThat(assign(ada, adasConvo, "\"not-an-id\"").status()).isEqualTo(404);
        Http.Response wrongType = assign(ada, adasConvo, "5");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().get("error").asString()).isEqualTo("projectId must be a string or null");
        assertThat(assign(ada, uuid(), "\"" + adas + "\"").status()).isEqualTo(404);
        assertThat(assign(ada, "not-a-uuid", "\"" + adas + "\"").status()).isEqualTo(400);

        assertThat(get(ada, "/api/convos/" + adasConvo).json().has("chatProjectId")).isFalse();
        assertThat(get(bob, "/api/convos/" + bobsConvo).json().has("chatProjectId")).isFalse();
        assertThat(count(ada, adas)).isZero();
        assertThat(count(bob, bobs)).isZero();
        // bob's project id filters bob's list only
        assign(bob, bobsConvo, "\"" + bobs + "\"");
        assertThat(conversationIds(ada, "?projectId=" + bobs)).isEmpty();
    }

    @Test
    void listsPageWithCursorsInEachOrderAndFindByNameOrDescription() {
        Person ada = person();
        List<String> names = List.of("delta", "Alpha", "charlie", "bravo", "echo");
        List<String> ids = new ArrayList<>();
        for (String name : names) {
            ids.add(project(ada, name));
        }
        send(ada, "PATCH", "/api/projects/" + ids.get(2), "{\"description\":\"Holiday PLANS\"}");
        String convo = conversation(ada, "x");
        assign(ada, convo, "\"" + ids.get(3) + "\"");

        assertThat(allPages(ada, "sortBy=name&sortDirection=asc&limit=2")).extracting(p -> p.get("name").asString())
                .containsExactly("Alpha", "bravo", "charlie", "delta", "echo");
        assertThat(allPages(ada, "sortBy=createdAt&limit=2")).extracting(p -> p.get("_id").asString())
                .containsExactlyElementsOf(ids.reversed());
        // by last activity: projects with conversations first, then the empty ones (null) by id
        List<JsonNode> byActivity = allPages(ada, "limit=2");
        assertThat(byActivity).hasSize(5);
        assertThat(byActivity.getFirst().get("_id").asString()).isEqualTo(ids.get(3));
        assertThat(byActivity.subList(1, 5)).extracting(p -> p.get("_id").asString())
                .containsExactly(ids.get(4), ids.get(2), ids.get(1), ids.get(0));

        assertThat(projects(ada, "?search=plans")).extracting(p -> p.get("name").asString()).containsExactly("charlie");
        assertThat(projects(ada, "?search=ALP")).extracting(p -> p.get("name").asString()).containsExactly("Alpha");
        assertThat(projects(ada, "?search=.*")).isEmpty();

        Http.Response firstPage = get(ada, "/api/projects?limit=5");
        assertThat(firstPage.json().get("nextCursor").isNull()).isTrue();
        assertThat(get(ada, "/api/projects?sortBy=title").status()).isEqualTo(400);
        assertThat(get(ada, "/api/projects?sortDirection=up").status()).isEqualTo(400);
        assertThat(get(ada, "/api/projects?limit=0").status()).isEqualTo(400);
        assertThat(get(ada, "/api/projects?cursor=garbage").status()).isEqualTo(400);
    }

    @Test
    void aNewChatStartedInAProjectIsFiledUnderItAndAForeignProjectIsIgnored() {
        Person ada = person();
        Person bob = person();
        String thesis = project(ada, "Thesis");
        String bobs = project(bob, "Bob's");

        String filed = startChat(ada, thesis);
        assertThat(get(ada, "/api/convos/" + filed).json().get("chatProjectId").asString()).isEqualTo(thesis);
        assertThat(count(ada, thesis)).isEqualTo(1);

        String notFiled = startChat(ada, bobs);
        assertThat(get(ada, "/api/convos/" + notFiled).json().has("chatProjectId")).isFalse();
        assertThat(count(bob, bobs)).isZero();
    }

    private String startChat(Person who, String projectId) {
        Http.Response started = post(who, "/api/agents/chat/FakeAI", """
                {"text":"Hello","parentMessageId":"00000000-0000-0000-0000-000000000000","endpoint":"FakeAI",
                 "model":"fake-model","chatProjectId":"%s"}""".formatted(projectId));
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String convo = started.json().get("conversationId").asString();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                !"running".equals(get(who, "/api/agents/chat/status/" + convo).json().path("status").asString("")));
        return convo;
    }

    private String project(Person who, String name) {
        Http.Response created = post(who, "/api/projects", "{\"name\":\"%s\"}".formatted(name));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("_id").asString();
    }

    private Http.Response assign(Person who, String conversationId, String projectIdJson) {
        String body = projectIdJson.startsWith("{") ? projectIdJson : "{\"projectId\":" + projectIdJson + "}";
        return send(who, "PUT", "/api/projects/conversations/" + conversationId, body);
    }

    private long count(Person who, String projectId) {
        return get(who, "/api/projects/" + projectId).json().get("conversationCount").asLong();
    }

    private List<JsonNode> projects(Person who, String query) {
        Http.Response listed = get(who, "/api/projects" + query);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        listed.json().get("projects").forEach(out::add);
        return out;
    }

    private List<JsonNode> allPages(Person who, String query) {
        List<JsonNode> out = new ArrayList<>();
        String cursor = null;
        do {
            Http.Response page = get(who, "/api/projects?" + query + (cursor == null ? ""
                    : "&cursor=" + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().get("projects").forEach(out::add);
            JsonNode next = page.json().get("nextCursor");
            cursor = next.isNull() ? null : next.asString();
        } while (cursor != null);
        return out;
    }

    private List<String> conversationIds(Person who, String query) {
        List<String> out = new ArrayList<>();
        get(who, "/api/convos" + query).json().get("conversations").forEach(c -> out.add(c.get("conversationId").asString()));
        return out;
    }
}
