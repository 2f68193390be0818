package io.parley.auth.imports;

import static io.parley.common.test.GrpcCalls.codeOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.parley.auth.AuthIntegrationTest;
import io.parley.common.test.Http;
import io.parley.common.test.LibreChatImports;
import io.parley.proto.common.v1.ImportOutcome;
import io.parley.proto.common.v1.ImportedDocumentNote;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import tools.jackson.databind.JsonNode;

/**
 * auth-service's part of {@code ./parley migrate-librechat}: LibreChat's users, balances, transactions, roles,
 * groups, access roles and ACL entries sent over real gRPC as an ADMIN, into the embedded store, then signed in
 * to over real HTTP with the password LibreChat had.
 */
class LibreChatImportIntegrationTest extends AuthIntegrationTest {

    private static final String LIBRECHAT_PASSWORD = "old-librechat-pass";
    /** LibreChat hashes with bcryptjs, cost 10. */
    private static final String BCRYPT = new BCryptPasswordEncoder(10).encode(LIBRECHAT_PASSWORD);

    @Autowired
    MongoTemplate mongo;

    private ManagedChannel channel;

    @BeforeEach
    void connect() {
        channel = grpcChannel();
    }

    @AfterEach
    void disconnect() {
        channel.shutdownNow();
    }

    record Admin(String tenant, String token) {
    }

    private Admin admin() {
        String tenant = uniqueTenant();
        String email = uniqueEmail();
        register(email, "X-Parley-Tenant", tenant);
        return new Admin(tenant, login(email, PASSWORD, "X-Parley-Tenant", tenant).json().get("token").asString());
    }

    private ImportOutcome send(Admin admin, String collection, String... documents) {
        return LibreChatImports.send(channel, admin.token(), collection, documents);
    }

    /** A user as LibreChat 0.8 stores it (mongoose timestamps, bcrypt hash, provider ids). */
    private static String user(ObjectId id, String email, String extra) {
        return """
                {"_id":{"$oid":"%s"},"name":"Grace Hopper","username":"grace","email":"%s","emailVerified":true,
                 "password":"%s","avatar":null,"provider":"local","role":"USER","plugins":[],"twoFactorEnabled":false,
                 "termsAccepted":true,"personalization":{"memories":false},
                 "favorites":[{"model":"gpt-4o","endpoint":"openAI"}],"refreshToken":[],
                 "createdAt":{"$date":"2024-03-01T10:00:00Z"},"updatedAt":{"$date":"2024-06-01T10:00:00Z"},"__v":0%s}"""
                .formatted(id.toHexString(), email, BCRYPT, extra);
    }

    @Test
    void aMigratedPersonSignsInWithTheirLibreChatPasswordAndKeepsTheirId() {
        Admin admin = admin();
        ObjectId id = new ObjectId();
        String email = uniqueEmail();

        ImportOutcome outcome = send(admin, "users", user(id, email.toUpperCase(), ""));

        assertThat(outcome.getWritten()).isEqualTo(1);
        assertThat(outcome.getSkippedList()).isEmpty();
        Http.Response login = login(email, LIBRECHAT_PASSWORD, "X-Parley-Tenant", admin.tenant());
        assertThat(login.status()).isEqualTo(200);
        JsonNode user = login.json().get("user");
        assertThat(user.get("id").asString()).isEqualTo(id.toHexString());
        assertThat(user.get("username").asString()).isEqualTo("grace");
        assertThat(user.get("role").asString()).isEqualTo("USER");
        JsonNode profile = http.get("/api/user", "Authorization", "Bearer " + login.json().get("token").asString()).json();
        assertThat(profile.get("termsAccepted").asBoolean()).isTrue();
        assertThat(profile.at("/personalization/memories").asBoolean()).isFalse();
        assertThat(profile.at("/favorites/0/model").asString()).isEqualTo("gpt-4o");
    }

    @Test
    void aSecondImportWritesNothingAndLeavesWhatTheFirstWrote() {
        Admin admin = admin();
        String doc = user(new ObjectId(), uniqueEmail(), "");
        send(admin, "users", doc);

        ImportOutcome again = send(admin, "users", doc);

        assertThat(again.getWritten()).isZero();
        assertThat(again.getAlreadyPresent()).isEqualTo(1);
    }

    @Test
    void aDocumentThatCannotBeMappedIsSkippedWithItsReasonAndNothingOfItIsWritten() {
        Admin admin = admin();
        ObjectId bad = new ObjectId();
        ObjectId good = new ObjectId();

        ImportOutcome outcome = send(admin, "users",
                user(bad, "not-an-address", ""),
                "{\"_id\":{\"$oid\":\"%s\"},\"name\":\"No mail\"}".formatted(new ObjectId().toHexString()),
                user(good, uniqueEmail(), ",\"googleId\":\"g-" + good + "\",\"twoFactorEnabled\":true,\"totpSecret\":\"x\""));

        assertThat(outcome.getWritten()).isEqualTo(1);
        assertThat(outcome.getSkippedList()).extracting(ImportedDocumentNote::getReason)
                .containsExactlyInAnyOrder("email is not an address", "has no email");
        assertThat(outcome.getSkippedList().get(0).getId()).isEqualTo(bad.toHexString());
        assertThat(mongo.exists(Query.query(Criteria.where("_id").is(bad)), "users")).isFalse();
        assertThat(outcome.getWarningsList()).extracting(ImportedDocumentNote::getReason)
                .anyMatch(w -> w.startsWith("two-factor authentication was not carried over"));
        assertThat(mongo.exists(Query.query(Criteria.where("tenantId").is(admin.tenant()).and("provider").is("google")
                .and("subject").is("g-" + good).and("userId").is(good.toHexString())), "oauth_identities")).isTrue();
    }

    @Test
    void aPersonWhoseEmailTheTenantHasUnderAnotherIdIsSkippedAndTheirLinksTakenBack() {
        Admin admin = admin();
        String email = uniqueEmail();
        register(email, "X-Parley-Tenant", admin.tenant());
        ObjectId id = new ObjectId();

        ImportOutcome outcome = send(admin, "users", user(id, email, ",\"githubId\":\"gh-" + id + "\""));

        assertThat(outcome.getWritten()).isZero();
        assertThat(outcome.getSkipped(0).getReason()).startsWith("another account of the tenant (").endsWith(") has this e-mail");
        assertThat(mongo.exists(Query.query(Criteria.where("subject").is("gh-" + id)), "oauth_identities")).isFalse();
    }

    @Test
    void everythingGoesIntoTheCallersTenantWhateverTenantTheDocumentNames() {
        Admin admin = admin();
        ObjectId id = new ObjectId();
        String email = uniqueEmail();

        send(admin, "users", user(id, email, ",\"tenantId\":\"someone-else\""));

        assertThat(login(email, LIBRECHAT_PASSWORD, "X-Parley-Tenant", admin.tenant()).status()).isEqualTo(200);
        assertThat(login(email, LIBRECHAT_PASSWORD, "X-Parley-Tenant", "someone-else").status()).isNotEqualTo(200);
    }

    @Test
    void onlyAnAdminMayImportAndNothingIsWrittenForAnyoneElse() {
        Admin admin = admin();
        String email = uniqueEmail();
        register(email, "X-Parley-Tenant", admin.tenant());
        String userToken = login(email, PASSWORD, "X-Parley-Tenant", admin.tenant()).json().get("token").asString();
        ObjectId id = new ObjectId();

        assertThat(codeOf(() -> LibreChatImports.send(channel, userToken, "users", user(id, uniqueEmail(), ""))))
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(codeOf(() -> io.parley.proto.common.v1.LibreChatImportGrpc.newBlockingStub(channel)
                .importDocuments(io.parley.proto.common.v1.ImportDocumentsRequest.newBuilder().setCollection("users")
                        .addDocuments(user(id, uniqueEmail(), "")).build())))
                .isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(codeOf(() -> send(admin, "conversations", "{}"))).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(mongo.exists(Query.query(Criteria.where("_id").is(id)), "users")).isFalse();
    }

    @Test
    void aDryRunSaysWhatWouldBeWrittenAndWritesNothing() {
        Admin admin = admin();
        ObjectId id = new ObjectId();

        ImportOutcome outcome = LibreChatImports.send(channel, admin.token(), "users", true, List.of(user(id, uniqueEmail(), "")));

        assertThat(outcome.getWritten()).isEqualTo(1);
        assertThat(mongo.exists(Query.query(Criteria.where("_id").is(id)), "users")).isFalse();
    }

    @Test
    void balancesAndTransactionsKeepTheirCreditsAndHistory() {
        Admin admin = admin();
        ObjectId person = new ObjectId();
        ObjectId balance = new ObjectId();
        String balanceDoc = """
                {"_id":{"$oid":"%s"},"user":{"$oid":"%s"},"tokenCredits":{"$numberDouble":"1234.5"},"autoRefillEnabled":true,
                 "refillIntervalValue":30,"refillIntervalUnit":"days","lastRefill":{"$date":"2024-05-01T00:00:00Z"},
                 "refillAmount":10000,"__v":0}""".formatted(balance.toHexString(), person.toHexString());
        String transaction = """
                {"_id":{"$oid":"%s"},"user":{"$oid":"%s"},"conversationId":"c1","tokenType":"prompt","model":"gpt-4o",
                 "context":"message","rate":2.5,"rawAmount":-120,"tokenValue":-300,"inputTokens":120,
                 "createdAt":{"$date":"2024-05-02T00:00:00Z"}}""".formatted(new ObjectId().toHexString(), person.toHexString());

        assertThat(send(admin, "balances", balanceDoc).getWritten()).isEqualTo(1);
        assertThat(send(admin, "transactions", transaction, "{\"_id\":{\"$oid\":\"%s\"},\"tokenType\":\"prompt\"}"
                .formatted(new ObjectId().toHexString())).getWritten()).isEqualTo(1);
        assertThat(send(admin, "balances", balanceDoc).getAlreadyPresent()).isEqualTo(1);
        assertThat(send(admin, "transactions", transaction).getWritten()).isZero();

        Document stored = mongo.findOne(Query.query(Criteria.where("tenantId").is(admin.tenant()).and("user").is(person)),
                Document.class, "balances");
        assertThat(stored.getDouble("tokenCredits")).isEqualTo(1234.5);
        assertThat(stored.getString("refillIntervalUnit")).isEqualTo("days");
        assertThat(mongo.count(Query.query(Criteria.where("tenantId").is(admin.tenant()).and("user").is(person)),
                "transactions")).isEqualTo(1);
    }

    @Test
    void groupsAclEntriesAndRolesKeepWhoMayDoWhat() {
        Admin admin = admin();
        ObjectId person = new ObjectId();
        ObjectId group = new ObjectId();
        ObjectId agent = new ObjectId();
        send(admin, "users", user(person, uniqueEmail(), ""));

        ImportOutcome groups = send(admin, "groups", """
                {"_id":{"$oid":"%s"},"name":"Research","description":"R&D","memberIds":["%s"],"source":"local"}"""
                .formatted(group.toHexString(), person.toHexString()));
        ImportOutcome roles = send(admin, "accessroles",
                "{\"accessRoleId\":\"agent_editor\",\"name\":\"com_ui_role_editor\",\"resourceType\":\"agent\",\"permBits\":3}",
                "{\"accessRoleId\":\"project_viewer\",\"name\":\"x\",\"resourceType\":\"project\",\"permBits\":1}");
        ImportOutcome entries = send(admin, "aclentries",
                acl("user", "{\"$oid\":\"" + person + "\"}", "agent", agent, 15),
                acl("group", "{\"$oid\":\"" + group + "\"}", "agent", agent, 3),
                acl("public", "null", "agent", agent, 1),
                acl("user", "{\"$oid\":\"" + person + "\"}", "agent", new ObjectId(), 5),
                acl("user", "{\"$oid\":\"" + person + "\"}", "remoteAgent", new ObjectId(), 1));
        ImportOutcome role = send(admin, "roles", """
                {"name":"USER","permissions":{"AGENTS":{"USE":true,"CREATE":false,"SHARE":false,"SHARE_PUBLIC":false},
                 "SKILLS":{"USE":true}}}""");

        assertThat(groups.getWritten()).isEqualTo(1);
        assertThat(roles.getAlreadyPresent()).isEqualTo(1);
        assertThat(roles.getSkipped(0).getReason()).isEqualTo("Parley has no resource type project");
        assertThat(entries.getWritten()).isEqualTo(3);
        assertThat(entries.getSkippedList()).extracting(ImportedDocumentNote::getReason).containsExactlyInAnyOrder(
                "its bits 5 make none of Parley's agent access roles (viewer, editor, owner)",
                "Parley has no resource type remoteAgent");
        assertThat(role.getWritten()).isEqualTo(1);
        assertThat(role.getWarnings(0).getReason()).contains("SKILLS");
        assertThat(send(admin, "roles", """
                {"name":"USER","permissions":{"AGENTS":{"USE":true,"CREATE":false,"SHARE":false,"SHARE_PUBLIC":false}}}""")
                .getAlreadyPresent()).isEqualTo(1);
        Document owner = mongo.findOne(Query.query(Criteria.where("tenantId").is(admin.tenant())
                .and("principalId").is(person.toHexString()).and("resourceId").is(agent.toHexString())), Document.class,
                "acl_entries");
        assertThat(owner.getString("accessRoleId")).isEqualTo("agent_owner");
        assertThat(send(admin, "aclentries", acl("public", "null", "agent", agent, 1)).getAlreadyPresent()).isEqualTo(1);
    }

    private static String acl(String principalType, String principalId, String resourceType, ObjectId resource, int bits) {
        return """
                {"_id":{"$oid":"%s"},"principalType":"%s","principalId":%s,"principalModel":"User","resourceType":"%s",
                 "resourceId":{"$oid":"%s"},"permBits":%d,"roleId":{"$oid":"%s"},"grantedAt":{"$date":"2024-05-01T00:00:00Z"}}"""
                .formatted(new ObjectId().toHexString(), principalType, principalId, resourceType, resource.toHexString(),
                        bits, new ObjectId().toHexString());
    }
}
