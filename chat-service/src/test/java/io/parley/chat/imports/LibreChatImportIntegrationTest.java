package io.parley.chat.imports;

import static io.parley.common.test.GrpcCalls.codeOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.parley.chat.ChatIntegrationTest;
import io.parley.chat.key.UserKeys;
import io.parley.common.security.CurrentUser;
import io.parley.common.test.GrpcCalls;
import io.parley.common.test.GrpcServerPort;
import io.parley.common.test.LibreChatImports;
import io.parley.common.test.Tokens;
import io.parley.proto.common.v1.ImportOutcome;
import io.parley.proto.common.v1.ImportedDocumentNote;
import java.util.ArrayList;
import java.util.List;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

/**
 * chat-service's part of {@code ./parley migrate-librechat}: LibreChat's conversations, messages (content parts,
 * branches, missing optional fields, a 10,000-message conversation), presets, tags, memories, shared links and
 * prompts, and people's own API keys opened by the migration, sent over real gRPC as an ADMIN into the embedded store,
 * then read over HTTP as their person (the keys through the feature that chat turns use).
 */
@Import(GrpcServerPort.class)
class LibreChatImportIntegrationTest extends ChatIntegrationTest {

    private static final String ROOT = "00000000-0000-0000-0000-000000000000";

    @Autowired
    GrpcServerPort grpc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    UserKeys userKeys;

    private ManagedChannel channel;
    private String tenant;
    private String admin;
    private Person ada;

    @BeforeEach
    void connect() {
        channel = GrpcCalls.loopback(grpc.port);
        tenant = "t" + uuid().substring(0, 8);
        admin = Tokens.accessToken(new ObjectId().toHexString(), tenant, "ADMIN", null);
        ada = person(tenant);
    }

    @AfterEach
    void disconnect() {
        channel.shutdownNow();
    }

    private ImportOutcome send(String collection, String... documents) {
        return LibreChatImports.send(channel, admin, collection, documents);
    }

    private ImportOutcome send(String collection, List<String> documents) {
        return LibreChatImports.send(channel, admin, collection, false, documents);
    }

    private static String convo(String id, String user, String extra) {
        return """
                {"_id":{"$oid":"%s"},"conversationId":"%s","user":"%s","title":"Trip planning","endpoint":"openAI",
                 "model":"gpt-4o","messages":[{"$oid":"%s"}],"tags":["travel"],"isArchived":false,"__v":0,
                 "createdAt":{"$date":"2024-04-01T09:00:00Z"},"updatedAt":{"$date":"2024-04-02T09:00:00Z"}%s}"""
                .formatted(new ObjectId().toHexString(), id, user, new ObjectId().toHexString(), extra);
    }

    private static String message(ObjectId _id, String messageId, String convo, String user, String parent, String extra) {
        String parentField = parent == null ? "" : ",\"parentMessageId\":\"" + parent + "\"";
        return """
                {"_id":{"$oid":"%s"},"messageId":"%s","conversationId":"%s","user":"%s"%s,"sender":"User","text":"Hi",
                 "isCreatedByUser":true,"createdAt":{"$date":"2024-04-01T09:00:01Z"},"updatedAt":{"$date":"2024-04-01T09:00:01Z"}%s}"""
                .formatted(_id.toHexString(), messageId, convo, user, parentField, extra);
    }

    private static String message(String messageId, String convo, String user, String parent, String extra) {
        return message(new ObjectId(), messageId, convo, user, parent, extra);
    }

    @Test
    void peoplesOwnKeysOpenedByTheMigrationAreSealedWithThisServicesKeyAndWorkForTheirTurns() {
        String key = """
                {"_id":{"$oid":"%s"},"userId":{"$oid":"%s"},"name":"%s","value":"9f86d081884c7d65",%s
                 "createdAt":{"$date":"2024-04-01T09:00:00Z"},"updatedAt":{"$date":"2024-04-01T09:00:00Z"}}""";
        String never = key.formatted(new ObjectId().toHexString(), ada.id(), "openAI", "\"decryptedValue\":\"sk-ada-1\",");
        String later = key.formatted(new ObjectId().toHexString(), ada.id(), "anthropic",
                "\"decryptedValue\":\"sk-ant-2\",\"expiresAt\":{\"$date\":\"2999-01-01T00:00:00Z\"},");

        ImportOutcome first = send("keys", never, later,
                key.formatted(new ObjectId().toHexString(), ada.id(), "google", ""),
                key.formatted(new ObjectId().toHexString(), ada.id(), "groq",
                        "\"decryptedValue\":\"x\",\"expiresAt\":{\"$date\":\"2020-01-01T00:00:00Z\"},"));
        ImportOutcome again = send("keys", never);

        assertThat(first.getWritten()).isEqualTo(2);
        assertThat(first.getSkippedList()).extracting(ImportedDocumentNote::getReason).containsExactlyInAnyOrder(
                "its value is sealed with LibreChat's CREDS_KEY: run the migration with LibreChat's CREDS_KEY and CREDS_IV "
                        + "to carry it", "it expired at 2020-01-01T00:00:00.000Z");
        assertThat(again.getAlreadyPresent()).isEqualTo(1);
        CurrentUser owner = new CurrentUser(ada.id(), tenant, "USER", "", "", "local", null);
        assertThat(userKeys.require(owner, "openAI")).isEqualTo("sk-ada-1");
        assertThat(userKeys.require(owner, "anthropic")).isEqualTo("sk-ant-2");
        assertThat(mongo.findOne(Query.query(Criteria.where("tenantId").is(tenant).and("name").is("openAI")),
                org.bson.Document.class, "keys").toJson()).doesNotContain("sk-ada-1").doesNotContain("decryptedValue");
        CurrentUser sameIdElsewhere = new CurrentUser(ada.id(), "other", "USER", "", "", "local", null);
        assertThat(userKeys.find(sameIdElsewhere, "openAI")).isEmpty();
    }

    @Test
    void conversationsAndMessagesKeepTheirIdsBranchesAndContentParts() {
        String convo = uuid();
        String root = uuid();
        String answer = uuid();
        String branch = uuid();
        String withImage = uuid();

        ImportOutcome convos = send("conversations", convo(convo, ada.id(), ""),
                convo(uuid(), ada.id(), ",\"isTemporary\":true"), convo("not-a-uuid", ada.id(), ""));
        ImportOutcome messages = send("messages",
                message(root, convo, ada.id(), null, ""),
                message(answer, convo, ada.id(), root, """
                        ,"isCreatedByUser":false,"sender":"GPT-4o","text":"","model":"gpt-4o","tokenCount":12,
                         "content":[{"type":"think","think":"Let me see"},{"type":"text","text":"Lisbon in May"},
                                    {"type":"tool_call","tool_call":{"id":"c1","name":"search","args":"{\\"q\\":\\"x\\"}","output":"ok"}}],
                         "feedback":{"rating":"thumbsUp"}"""),
                message(branch, convo, ada.id(), root, ",\"isCreatedByUser\":false,\"text\":\"Porto instead\""),
                message(withImage, convo, ada.id(), answer,
                        ",\"files\":[{\"file_id\":\"f0d7d6a0-1111-4a5e-9c3b-2f1d0e9a7b01\",\"filepath\":\"/images/" + ada.id()
                                + "/f0d7d6a0-1111-4a5e-9c3b-2f1d0e9a7b01__photo.webp\",\"type\":\"image/webp\",\"width\":10,\"height\":10}]"),
                message(uuid(), convo, ada.id(), root, ",\"content\":[{\"type\":\"text\",\"$where\":\"x\"}]"),
                message(uuid(), uuid(), ada.id(), root, ""),
                message(uuid(), convo, new ObjectId().toHexString(), root, ""));

        assertThat(convos.getWritten()).isEqualTo(1);
        assertThat(convos.getSkippedList()).extracting(ImportedDocumentNote::getReason).containsExactlyInAnyOrder(
                "a temporary chat, which LibreChat deletes after its retention period", "its conversationId is not a UUID");
        assertThat(messages.getWritten()).isEqualTo(4);
        assertThat(messages.getSkippedList()).extracting(ImportedDocumentNote::getReason).containsExactlyInAnyOrder(
                "holds a key Parley does not store (one starting with $ or holding a dot)",
                "its conversation is not in Parley (not in LibreChat's data, or skipped)",
                "its conversation belongs to another person");

        JsonNode listed = get(ada, "/api/convos?pageSize=25").json().get("conversations");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("conversationId").asString()).isEqualTo(convo);
        assertThat(listed.get(0).get("title").asString()).isEqualTo("Trip planning");
        JsonNode read = get(ada, "/api/messages/" + convo).json();
        assertThat(read).hasSize(4);
        JsonNode first = find(read, root);
        assertThat(first.get("parentMessageId").asString()).isEqualTo(ROOT);
        assertThat(first.get("error").asBoolean()).isFalse();
        JsonNode reply = find(read, answer);
        assertThat(reply.at("/content/1/text").asString()).isEqualTo("Lisbon in May");
        assertThat(reply.at("/content/0/think").asString()).isEqualTo("Let me see");
        assertThat(reply.at("/feedback/rating").asString()).isEqualTo("thumbsUp");
        assertThat(find(read, branch).get("parentMessageId").asString()).isEqualTo(root);
        assertThat(find(read, withImage).at("/files/0/filepath").asString())
                .isEqualTo("/images/" + ada.id() + "/f0d7d6a0-1111-4a5e-9c3b-2f1d0e9a7b01.webp");
        assertThat(get(ada, "/api/messages/" + convo + "/" + answer).status()).isEqualTo(200);
        assertThat(get(person(tenant), "/api/messages/" + convo).status()).isEqualTo(404);
        assertThat(get(person(ada.id(), "elsewhere"), "/api/convos/" + convo).status()).isEqualTo(404);
    }

    @Test
    void aSecondImportWritesNothing() {
        String convo = uuid();
        String root = uuid();
        List<String> docs = List.of(message(root, convo, ada.id(), null, ""), message(uuid(), convo, ada.id(), root, ""));
        send("conversations", convo(convo, ada.id(), ""));
        send("messages", docs);

        ImportOutcome again = send("messages", docs);
        ImportOutcome convoAgain = send("conversations", convo(convo, ada.id(), ""));

        assertThat(again.getWritten()).isZero();
        assertThat(again.getAlreadyPresent()).isEqualTo(2);
        assertThat(convoAgain.getWritten()).isZero();
        assertThat(get(ada, "/api/messages/" + convo).json()).hasSize(2);
    }

    @Test
    void aConversationOfTenThousandMessagesComesInBatchByBatch() {
        String convo = uuid();
        send("conversations", convo(convo, ada.id(), ""));
        String parent = null;
        int written = 0;
        for (int batch = 0; batch < 10; batch++) {
            List<String> docs = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                String id = uuid();
                docs.add(message(id, convo, ada.id(), parent, ",\"text\":\"message " + (batch * 1000 + i) + "\""));
                parent = id;
            }
            written += send("messages", docs).getWritten();
        }

        assertThat(written).isEqualTo(10_000);
        assertThat(mongo.count(Query.query(Criteria.where("tenantId").is(tenant).and("conversationId").is(convo)), "messages"))
                .isEqualTo(10_000);
        assertThat(get(ada, "/api/messages/" + convo).json()).hasSize(10_000);
    }

    @Test
    void aDryRunWritesNothingAndTakesTheConversationAsThere() {
        String convo = uuid();

        ImportOutcome outcome = LibreChatImports.send(channel, admin, "messages", true,
                List.of(message(uuid(), convo, ada.id(), null, "")));

        assertThat(outcome.getWritten()).isEqualTo(1);
        assertThat(mongo.exists(Query.query(Criteria.where("tenantId").is(tenant)), "messages")).isFalse();
    }

    @Test
    void onlyAnAdminMayImport() {
        String user = Tokens.accessToken(ada.id(), tenant, "USER", null);

        assertThat(codeOf(() -> LibreChatImports.send(channel, user, "conversations", convo(uuid(), ada.id(), ""))))
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(codeOf(() -> send("users", "{}"))).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(mongo.exists(Query.query(Criteria.where("tenantId").is(tenant)), "conversations")).isFalse();
    }

    @Test
    void presetsTagsMemoriesSharedLinksAndPromptsComeAlong() {
        String convo = uuid();
        ObjectId messageDoc = new ObjectId();
        String messageId = uuid();
        send("conversations", convo(convo, ada.id(), ""));
        send("messages", message(messageDoc, messageId, convo, ada.id(), null, ""));
        ObjectId group = new ObjectId();
        ObjectId prompt = new ObjectId();

        assertThat(send("presets", """
                {"_id":{"$oid":"%s"},"presetId":"%s","title":"Terse","user":"%s","endpoint":"openAI","model":"gpt-4o",
                 "temperature":0.2,"defaultPreset":true}""".formatted(new ObjectId().toHexString(), uuid(), ada.id()))
                .getWritten()).isEqualTo(1);
        assertThat(send("conversationtags", """
                {"_id":{"$oid":"%s"},"tag":"travel","user":"%s","description":"Trips","count":1,"position":1}"""
                .formatted(new ObjectId().toHexString(), ada.id())).getWritten()).isEqualTo(1);
        assertThat(send("memoryentries", """
                {"_id":{"$oid":"%s"},"userId":{"$oid":"%s"},"key":"diet","value":"vegetarian","tokenCount":2,
                 "updated_at":{"$date":"2024-04-01T00:00:00Z"}}""".formatted(new ObjectId().toHexString(), ada.id()),
                """
                {"_id":{"$oid":"%s"},"userId":{"$oid":"%s"},"key":"style","value":"short","agentId":"agent_x"}"""
                        .formatted(new ObjectId().toHexString(), ada.id())).getWritten()).isEqualTo(1);
        ImportOutcome links = send("sharedlinks", """
                {"_id":{"$oid":"%s"},"conversationId":"%s","title":"Trip planning","user":"%s","shareId":"lnkAbCdEfGh1234567890",
                 "messages":[{"$oid":"%s"},{"$oid":"%s"}],"isPublic":true}"""
                .formatted(new ObjectId().toHexString(), convo, ada.id(), messageDoc.toHexString(), new ObjectId().toHexString()));
        assertThat(links.getWritten()).isEqualTo(1);
        assertThat(links.getWarnings(0).getReason()).isEqualTo("1 of its 2 messages are not in Parley and are not shown");
        assertThat(send("promptgroups", """
                {"_id":{"$oid":"%s"},"name":"Bug fixer","numberOfGenerations":3,"oneliner":"","category":"code",
                 "author":{"$oid":"%s"},"authorName":"ada","productionId":{"$oid":"%s"}}"""
                .formatted(group.toHexString(), ada.id(), prompt.toHexString())).getWritten()).isEqualTo(1);
        assertThat(send("prompts", """
                {"_id":{"$oid":"%s"},"groupId":{"$oid":"%s"},"author":{"$oid":"%s"},"prompt":"Fix {{bug}}","type":"text"}"""
                .formatted(prompt.toHexString(), group.toHexString(), ada.id())).getWritten()).isEqualTo(1);

        assertThat(get(ada, "/api/presets").json().get(0).get("title").asString()).isEqualTo("Terse");
        assertThat(get(ada, "/api/tags").json().get(0).get("tag").asString()).isEqualTo("travel");
        assertThat(get(ada, "/api/memories").json().get("memories")).hasSize(1);
        JsonNode shared = get(ada, "/api/share/lnkAbCdEfGh1234567890").json();
        assertThat(shared.get("messages")).hasSize(1);
        assertThat(get(ada, "/api/prompts/groups/" + group).json().get("name").asString()).isEqualTo("Bug fixer");
        assertThat(get(ada, "/api/prompts/" + prompt).json().get("prompt").asString()).isEqualTo("Fix {{bug}}");
    }

    private static JsonNode find(JsonNode messages, String messageId) {
        for (JsonNode message : messages) {
            if (message.get("messageId").asString().equals(messageId)) {
                return message;
            }
        }
        throw new AssertionError("no message " + messageId);
    }
}
