package io.parley.chat.share;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.chat.ChatIntegrationTest;
import io.parley.common.events.AccountEvents;
import io.parley.common.events.UserDeleted;
import io.parley.common.test.Http;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

/** LibreChat's {@code /api/share} with public links open to signed-in people only (LibreChat's default). */
class ShareIntegrationTest extends ChatIntegrationTest {

    static final String NO_PARENT = "00000000-0000-0000-0000-000000000000";

    @Autowired
    MongoTemplate mongo;

    @Autowired
    AccountEvents events;

    @Test
    void aSharedConversationIsListedAndFoundByItsConversation() {
        Person ada = person();
        String convo = titled(ada, "Trip to Lisbon");

        Http.Response created = post(ada, "/api/share/" + convo, "{}");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String shareId = created.json().get("shareId").asString();
        assertThat(shareId).matches("[A-Za-z0-9_-]{21}");
        assertThat(created.json().get("conversationId").asString()).isEqualTo(convo);
        assertThat(created.json().has("targetMessageId")).isFalse();

        JsonNode link = get(ada, "/api/share/link/" + convo).json();
        assertThat(link.get("success").asBoolean()).isTrue();
        assertThat(link.get("shareId").asString()).isEqualTo(shareId);
        assertThat(link.get("_id").asString()).isEqualTo(created.json().get("_id").asString());
        assertThat(link.get("conversationId").asString()).isEqualTo(convo);

        JsonNode links = get(ada, "/api/share").json();
        assertThat(links.get("hasNextPage").asBoolean()).isFalse();
        assertThat(links.has("nextCursor")).isFalse();
        JsonNode item = links.get("links").get(0);
        assertThat(item.get("shareId").asString()).isEqualTo(shareId);
        assertThat(item.get("conversationId").asString()).isEqualTo(convo);
        assertThat(item.get("title").asString()).isEqualTo("Trip to Lisbon");
        assertThat(item.get("isPublic").asBoolean()).isTrue();
        assertThat(item.get("createdAt").asString()).isNotBlank();
        assertThat(item.get("updatedAt").asString()).isNotBlank();
    }

    @Test
    void aConversationWithoutALinkOrOfAnotherPersonHasNone() {
        Person ada = person();
        Person bob = person();
        String convo = conversation(ada, "hello");
        post(ada, "/api/share/" + convo, "{}");

        for (Http.Response none : List.of(get(ada, "/api/share/link/" + uuid()), get(bob, "/api/share/link/" + convo))) {
            assertThat(none.status()).isEqualTo(200);
            assertThat(none.json().get("success").asBoolean()).isFalse();
            assertThat(none.json().get("shareId").isNull()).isTrue();
            assertThat(none.json().has("_id")).isFalse();
        }
        assertThat(get(bob, "/api/share").json().get("links")).isEmpty();
    }

    @Test
    void linksPageByCursorSortAndSearchInTheirTitle() {
        Person ada = person();
        for (String title : List.of("Alpha plans", "Beta notes", "Gamma plans")) {
            assertThat(post(ada, "/api/share/" + titled(ada, title), "{}").status()).isEqualTo(200);
        }

        Http.Response first = get(ada, "/api/share?pageSize=2");
        assertThat(titles(first)).containsExactly("Gamma plans", "Beta notes");
        assertThat(first.json().get("hasNextPage").asBoolean()).isTrue();
        Http.Response second = get(ada, "/api/share?pageSize=2&cursor=" + first.json().get("nextCursor").asString());
        assertThat(titles(second)).containsExactly("Alpha plans");
        assertThat(second.json().get("hasNextPage").asBoolean()).isFalse();

        assertThat(titles(get(ada, "/api/share?sortBy=title&sortDirection=asc"))).containsExactly("Alpha plans", "Beta notes",
                "Gamma plans");
        assertThat(titles(get(ada, "/api/share?search=PLANS&sortDirection=asc"))).containsExactly("Alpha plans", "Gamma plans");
        assertThat(titles(get(ada, "/api/share?search=a.*"))).isEmpty();
        assertThat(titles(get(ada, "/api/share?isPublic=true"))).hasSize(3);
        assertThat(titles(get(ada, "/api/share?isPublic=false"))).isEmpty();
    }

    @Test
    void aConversationIsSharedOncePerTarget() {
        Person ada = person();
        String convo = uuid();
        String first = uuid();
        String second = uuid();
        saveMessage(ada, convo, first, NO_PARENT, "Hi");
        saveMessage(ada, convo, second, first, "Hello");

        assertThat(post(ada, "/api/share/" + convo, "{}").status()).isEqualTo(200);
        Http.Response again = post(ada, "/api/share/" + convo, "{}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("message").asString()).isEqualTo("Share already exists");

        Http.Response branch = post(ada, "/api/share/" + convo, "{\"targetMessageId\":\"%s\"}".formatted(first));
        assertThat(branch.status()).isEqualTo(200);
        assertThat(branch.json().get("targetMessageId").asString()).isEqualTo(first);
        assertThat(post(ada, "/api/share/" + convo, "{\"targetMessageId\":\"%s\"}".formatted(first)).status()).isEqualTo(409);

        Http.Response unknownTarget = post(ada, "/api/share/" + convo, "{\"targetMessageId\":\"%s\"}".formatted(uuid()));
        assertThat(unknownTarget.status()).isEqualTo(404);
        assertThat(unknownTarget.json().get("message").asString()).isEqualTo("Target message not found");
        assertThat(linksOf(ada)).isEqualTo(2);
    }

    @Test
    void anotherPersonsOrAnUnknownConversationIsNotFoundAndNothingIsStored() {
        Person ada = person();
        Person bob = person();
        String convo = conversation(ada, "private");

        for (String target : List.of(convo, uuid())) {
            Http.Response refused = post(bob, "/api/share/" + target, "{\"targetMessageId\":42}");
            assertThat(refused.status()).isEqualTo(404);
            assertThat(refused.json().get("message").asString()).isEqualTo("Conversation not found");
        }
        assertThat(linksOf(bob)).isZero();
        assertThat(mongo.count(Query.query(Criteria.where("conversationId").is(convo)), "sharedlinks")).isZero();
    }

    @Test
    void aConversationWithoutMessagesCannotBeShared() {
        Person ada = person();
        String convo = uuid();
        saveMessage(ada, convo, uuid(), NO_PARENT, "soon gone");
        // the conversation stays, its only message goes
        String messageId = get(ada, "/api/messages/" + convo).json().get(0).get("messageId").asString();
        send(ada, "DELETE", "/api/messages/" + convo + "/" + messageId, null);

        Http.Response empty = post(ada, "/api/share/" + convo, null);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("message").asString()).isEqualTo("No messages to share");
        assertThat(linksOf(ada)).isZero();
    }

    @Test
    void sharingNeedsTheRolePermissionToCreateLinks() {
        Person ada = person();
        String convo = conversation(ada, "hello");
        AUTH.deniedPermissions.add("SHARED_LINKS.CREATE");

        Http.Response refused = post(ada, "/api/share/" + convo, "{}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("message").asString()).isEqualTo("Forbidden: Insufficient permissions");
        assertThat(linksOf(ada)).isZero();
    }

    @Test
    void aSignedInPersonReadsAPublicLinkAnonymized() {
        Person ada = person();
        Person bob = person();
        String convo = uuid();
        String first = uuid();
        String second = uuid();
        saveMessage(ada, convo, first, NO_PARENT, "What is the capital of Portugal?");
        saveMessage(ada, convo, second, first, "Lisbon.");
        String shareId = share(ada, convo, null);

        Http.Response read = get(bob, "/api/share/" + shareId);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.header("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store").contains("private"));
        JsonNode shared = read.json();
        assertThat(shared.get("shareId").asString()).isEqualTo(shareId);
        assertThat(shared.get("isPublic").asBoolean()).isTrue();
        String anonymousConvo = shared.get("conversationId").asString();
        assertThat(anonymousConvo).startsWith("convo_");
        JsonNode messages = shared.get("messages");
        assertThat(messages).hasSize(2);
        JsonNode question = messages.get(0);
        JsonNode answer = messages.get(1);
        assertThat(question.get("text").asString()).isEqualTo("What is the capital of Portugal?");
        assertThat(question.get("messageId").asString()).startsWith("msg_");
        assertThat(question.get("parentMessageId").asString()).isEqualTo(NO_PARENT);
        assertThat(answer.get("parentMessageId").asString()).isEqualTo(question.get("messageId").asString());
        assertThat(answer.get("conversationId").asString()).isEqualTo(anonymousConvo);
        assertThat(question.get("isCreatedByUser").asBoolean()).isTrue();
        for (JsonNode message : messages) {
            assertThat(message.has("user")).isFalse();
            assertThat(message.has("_id")).isFalse();
            assertThat(message.has("endpoint")).isFalse();
            assertThat(message.has("tenantId")).isFalse();
        }
        assertThat(read.body()).doesNotContain(ada.id(), convo, first, second, "gpt-4o");
    }

    @Test
    void someoneNotSignedInMustSignInUnlessPublicLinksAreOpen() {
        Person ada = person();
        String shareId = share(ada, conversation(ada, "hello"), null);

        Http.Response anonymous = http.get("/api/share/" + shareId);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("message").asString()).isEqualTo("Authentication required");
        Http.Response badToken = http.get("/api/share/" + shareId, "Authorization", "Bearer not-a-token");
        assertThat(badToken.status()).isEqualTo(401);
        assertThat(get(ada, "/api/share/" + shareId).status()).isEqualTo(200);
    }

    @Test
    void aLinkMadeWithoutPermissionToSharePubliclyIsItsOwnersOnly() {
        Person ada = person();
        Person bob = person();
        String convo = conversation(ada, "hello");
        AUTH.deniedPermissions.add("SHARED_LINKS.SHARE_PUBLIC");
        String shareId = share(ada, convo, null);

        assertThat(get(ada, "/api/share?isPublic=false").json().get("links")).hasSize(1);
        assertThat(get(ada, "/api/share/" + shareId).status()).isEqualTo(200);
        Http.Response other = get(bob, "/api/share/" + shareId);
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.json().get("message").asString()).isEqualTo("Share not found");
        assertThat(http.get("/api/share/" + shareId).status()).isEqualTo(401);
    }

    @Test
    void anUnknownLinkOrOneOfAnotherTenantIsNotFound() {
        Person ada = person("acme");
        Person carol = person("other");
        String shareId = share(ada, conversation(ada, "hello"), null);

        Http.Response elsewhere = get(carol, "/api/share/" + shareId);
        assertThat(elsewhere.status()).isEqualTo(404);
        assertThat(elsewhere.json().get("message").asString()).isEqualTo("Share not found");
        assertThat(get(ada, "/api/share/AbCdEfGhIjKlMnOpQrStU").status()).isEqualTo(404);
        assertThat(send(carol, "DELETE", "/api/share/" + shareId, null).status()).isEqualTo(404);
        assertThat(get(person("acme"), "/api/share/" + shareId).status()).isEqualTo(200);
    }

    @Test
    void messagesAddedAfterSharingStayPrivateUntilTheLinkIsUpdatedUnderTheSameAddress() {
        Person ada = person();
        Person bob = person();
        String convo = uuid();
        String first = uuid();
        saveMessage(ada, convo, first, NO_PARENT, "first");
        String shareId = share(ada, convo, null);
        String later = uuid();
        saveMessage(ada, convo, later, first, "added later");
        assertThat(texts(get(bob, "/api/share/" + shareId))).containsExactly("first");

        Http.Response updated = send(ada, "PATCH", "/api/share/" + shareId, "{}");
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().get("shareId").asString()).isEqualTo(shareId);
        assertThat(texts(get(bob, "/api/share/" + shareId))).containsExactly("first", "added later");

        Http.Response branch = send(ada, "PATCH", "/api/share/" + shareId, "{\"targetMessageId\":\"%s\"}".formatted(first));
        assertThat(branch.json().get("targetMessageId").asString()).isEqualTo(first);
        assertThat(texts(get(bob, "/api/share/" + shareId))).containsExactly("first");
        assertThat(get(ada, "/api/share/link/" + convo).json().get("targetMessageId").asString()).isEqualTo(first);
    }

    @Test
    void aBranchLinkSharesTheLevelsDownToItsTargetAndAnUpdateFollowsTheBranch() {
        Person ada = person();
        Person bob = person();
        String convo = uuid();
        String question = uuid();
        String answer = uuid();
        String followUp = uuid();
        saveMessage(ada, convo, question, NO_PARENT, "question");
        saveMessage(ada, convo, answer, question, "answer");
        saveMessage(ada, convo, followUp, answer, "follow-up");
        String shareId = share(ada, convo, answer);
        assertThat(texts(get(bob, "/api/share/" + shareId))).containsExactly("question", "answer");

        // without a target, an update moves the stored one down to the branch's newest message
        assertThat(send(ada, "PATCH", "/api/share/" + shareId, null).json().get("targetMessageId").asString())
                .isEqualTo(followUp);
        assertThat(texts(get(bob, "/api/share/" + shareId))).containsExactly("question", "answer", "follow-up");
    }

    @Test
    void aLinkIsDeletedByItsOwnerOnly() {
        Person ada = person();
        Person bob = person();
        String convo = conversation(ada, "hello");
        String shareId = share(ada, convo, null);

        assertThat(send(bob, "DELETE", "/api/share/" + shareId, null).status()).isEqualTo(404);
        assertThat(send(bob, "PATCH", "/api/share/" + shareId, "{\"targetMessageId\":7}").status()).isEqualTo(404);
        assertThat(get(bob, "/api/share/" + shareId).status()).isEqualTo(200);

        Http.Response deleted = send(ada, "DELETE", "/api/share/" + shareId, null);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("success").asBoolean()).isTrue();
        assertThat(deleted.json().get("shareId").asString()).isEqualTo(shareId);
        assertThat(deleted.json().get("message").asString()).isEqualTo("Share deleted successfully");

        Http.Response again = send(ada, "DELETE", "/api/share/" + shareId, null);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.json().get("message").asString()).isEqualTo("Share not found");
        assertThat(get(bob, "/api/share/" + shareId).status()).isEqualTo(404);
        assertThat(get(ada, "/api/share/link/" + convo).json().get("success").asBoolean()).isFalse();
    }

    @Test
    void deletingAConversationDeletesItsLinks() {
        Person ada = person();
        String gone = conversation(ada, "gone");
        String kept = conversation(ada, "kept");
        String goneLink = share(ada, gone, null);
        String keptLink = share(ada, kept, null);

        assertThat(send(ada, "DELETE", "/api/convos", "{\"arg\":{\"conversationId\":\"%s\"}}".formatted(gone)).status())
                .isEqualTo(201);

        assertThat(get(ada, "/api/share/" + goneLink).status()).isEqualTo(404);
        assertThat(get(ada, "/api/share/link/" + gone).json().get("success").asBoolean()).isFalse();
        assertThat(get(ada, "/api/share/" + keptLink).status()).isEqualTo(200);

        assertThat(send(ada, "DELETE", "/api/convos/all", null).status()).isEqualTo(201);
        assertThat(linksOf(ada)).isZero();
    }

    @Test
    void deletingAnAccountDeletesItsLinksAndNoOneElses() {
        Person ada = person("acme");
        Person bob = person("acme");
        String adaLink = share(ada, conversation(ada, "ada's"), null);
        String bobLink = share(bob, conversation(bob, "bob's"), null);

        events.publish(UserDeleted.of("acme", ada.id()));

        assertThat(linksOf(ada)).isZero();
        assertThat(get(bob, "/api/share/" + adaLink).status()).isEqualTo(404);
        assertThat(get(ada, "/api/share/" + bobLink).status()).isEqualTo(200);
    }

    @Test
    void badIdsBodiesAndQueriesAreRefusedAndChangeNothing() {
        Person ada = person();
        String convo = conversation(ada, "hello");
        String longId = "x".repeat(65);

        assertThat(post(ada, "/api/share/not-a-uuid", "{}").status()).isEqualTo(400);
        assertThat(post(ada, "/api/share/" + convo, "{\"targetMessageId\":42}").status()).isEqualTo(400);
        assertThat(post(ada, "/api/share/" + convo, "{\"targetMessageId\":\"not-a-uuid\"}").status()).isEqualTo(400);
        assertThat(post(ada, "/api/share/" + convo, "{\"snapshotFiles\":\"yes\"}").status()).isEqualTo(400);
        assertThat(post(ada, "/api/share/" + convo, "[1,2]").status()).isEqualTo(400);
        assertThat(post(ada, "/api/share/" + convo, "{").status()).isEqualTo(400);
        assertThat(linksOf(ada)).isZero();

        String shareId = share(ada, convo, null);
        assertThat(send(ada, "PATCH", "/api/share/" + shareId, "{\"targetMessageId\":[]}").status()).isEqualTo(400);
        assertThat(send(ada, "PATCH", "/api/share/" + longId, "{}").status()).isEqualTo(400);
        assertThat(send(ada, "DELETE", "/api/share/" + longId, null).status()).isEqualTo(400);
        assertThat(get(ada, "/api/share/" + longId).status()).isEqualTo(400);
        assertThat(get(ada, "/api/share/link/not-a-uuid").status()).isEqualTo(400);
        for (String query : List.of("pageSize=0", "pageSize=many", "sortBy=shareId", "sortDirection=up", "isPublic=maybe",
                "cursor=garbage", "search=" + "a".repeat(257))) {
            Http.Response refused = get(ada, "/api/share?" + query);
            assertThat(refused.status()).as(query).isEqualTo(400);
            assertThat(refused.json().get("error").asString()).as(query).isNotBlank();
        }
        assertThat(get(ada, "/api/share/link/" + convo).json().get("shareId").asString()).isEqualTo(shareId);
    }

    @Test
    void everyRouteButTheReadNeedsAValidToken() {
        Person ada = person();
        String convo = conversation(ada, "hello");
        String shareId = share(ada, convo, null);
        String[] badToken = {"Authorization", "Bearer not-a-token"};

        assertThat(http.post("/api/share/" + convo, "{}").status()).isEqualTo(401);
        assertThat(http.post("/api/share/" + uuid(), "{}", badToken).status()).isEqualTo(401);
        assertThat(http.send("PATCH", "/api/share/" + shareId, "{}").status()).isEqualTo(401);
        assertThat(http.send("DELETE", "/api/share/" + shareId, null, badToken).status()).isEqualTo(401);
        assertThat(http.get("/api/share").status()).isEqualTo(401);
        assertThat(http.get("/api/share/link/" + convo).status()).isEqualTo(401);
        assertThat(get(ada, "/api/share/" + shareId).status()).isEqualTo(200);
    }

    private String titled(Person who, String title) {
        String convo = conversation(who, title);
        Http.Response renamed = post(who, "/api/convos/update",
                "{\"arg\":{\"conversationId\":\"%s\",\"title\":\"%s\"}}".formatted(convo, title));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(201);
        return convo;
    }

    private String share(Person who, String convo, String targetMessageId) {
        Http.Response created = post(who, "/api/share/" + convo,
                targetMessageId == null ? "{}" : "{\"targetMessageId\":\"%s\"}".formatted(targetMessageId));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return created.json().get("shareId").asString();
    }

    private long linksOf(Person who) {
        return mongo.count(Query.query(Criteria.where("tenantId").is(who.tenant()).and("user").is(who.id())), "sharedlinks");
    }

    private static List<String> titles(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> titles = new ArrayList<>();
        response.json().get("links").forEach(link -> titles.add(link.get("title").asString()));
        return titles;
    }

    private static List<String> texts(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> texts = new ArrayList<>();
        response.json().get("messages").forEach(message -> texts.add(message.get("text").asString()));
        return texts;
    }
}
