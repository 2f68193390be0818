package io.parley.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.auth.AuthIntegrationTest;
import io.parley.common.test.Http;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * {@code DELETE /api/user/delete} (and {@code /api/user/account}) over real HTTP. There is no Redis
 * here, so the account event reaches auth-service's own eraser only, at once.
 */
class AccountDeletionIntegrationTest extends AuthIntegrationTest {

    static final String TENANT = "X-Parley-Tenant";

    @Autowired
    MongoTemplate mongo;

    record Person(String tenant, String id, String token, String refreshCookie, String email) {

        String[] auth() {
            return new String[] {"Authorization", "Bearer " + token};
        }
    }

    /** Registers and signs in a new person; the first of a tenant is its ADMIN. */
    static Person person(Http http, String tenant) {
        String email = uniqueEmail();
        assertThat(http.post("/api/auth/register", """
                {"name":"Test Person","email":"%s","password":"%s","confirm_password":"%s"}"""
                .formatted(email, PASSWORD, PASSWORD), TENANT, tenant).status()).isLessThan(300);
        Http.Response session = http.post("/api/auth/login", """
                {"email":"%s","password":"%s"}""".formatted(email, PASSWORD), TENANT, tenant);
        assertThat(session.status()).isEqualTo(200);
        return new Person(tenant, session.json().at("/user/id").asString(), session.json().get("token").asString(),
                session.cookie("refreshToken"), email);
    }

    private Person person(String tenant) {
        return person(http, tenant);
    }

    @Test
    void deletingTheAccountAnswersLibreChatsMessageAndErasesEverythingAuthKeepsAboutThePerson() {
        String tenant = uniqueTenant();
        Person admin = person(tenant);
        Person ann = person(tenant);
        Person bob = person(tenant);
        String groupId = http.post("/api/admin/groups", "{\"name\":\"Team\"}", admin.auth()).json().get("id").asString();
        giveAuthData(admin, ann, groupId);
        giveAuthData(admin, bob, groupId);
        // the same id in another tenant is another account, whose documents stay
        String elsewhere = uniqueTenant();
        mongo.insert(new Document("_id", new ObjectId().toHexString()).append("tenantId", elsewhere)
                .append("userId", ann.id()).append("generation", 0L), "sessions");
        mongo.insert(new Document("tenantId", elsewhere).append("user", new ObjectId(ann.id())), "transactions");
        assertThat(authData(ann)).allSatisfy((kind, count) -> assertThat(count).as(kind).isPositive());

        Http.Response deleted = http.send("DELETE", "/api/user/delete", "{\"token\":\"123456\"}", ann.auth());

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("message").asString()).isEqualTo("User deleted");
        assertThat(authData(ann)).allSatisfy((kind, count) -> assertThat(count).as(kind).isZero());
        assertThat(authData(bob)).allSatisfy((kind, count) -> assertThat(count).as(kind).isPositive());
        assertThat(mongo.count(Query.query(Criteria.where("tenantId").is(elsewhere)), "sessions")).isEqualTo(1);
        assertThat(mongo.count(Query.query(Criteria.where("tenantId").is(elsewhere)), "transactions")).isEqualTo(1);
    }

    @Test
    void aDeletedAccountCannotSignInRefreshOrReadItself() {
        Person ann = person(uniqueTenant());

        assertThat(http.send("DELETE", "/api/user/delete", null, ann.auth()).status()).isEqualTo(200);

        assertThat(http.get("/api/user", ann.auth()).status()).isEqualTo(401);
        assertThat(login(ann.email(), PASSWORD, TENANT, ann.tenant()).status()).isEqualTo(401);
        assertThat(http.post("/api/auth/refresh", null, "Cookie", "refreshToken=" + ann.refreshCookie()).status())
                .isEqualTo(401);
    }

    @Test
    void aRepeatedDeletionAnswersTheSameThroughEitherPath() {
        Person ann = person(uniqueTenant());

        Http.Response first = http.send("DELETE", "/api/user/account", null, ann.auth());
        Http.Response again = http.send("DELETE", "/api/user/delete", null, ann.auth());

        assertThat(first.status()).isEqualTo(200);
        assertThat(again.status()).as("the token outlives the account; retrying is harmless").isEqualTo(200);
        assertThat(again.json().get("message").asString()).isEqualTo("User deleted");
    }

    @Test
    void whenTheOnlyAccountOfATenantIsDeletedTheNextOneBecomesItsAdmin() {
        String tenant = uniqueTenant();
        Person founder = person(tenant);

        http.send("DELETE", "/api/user/delete", null, founder.auth());
        Person next = person(tenant);

        assertThat(http.get("/api/user", next.auth()).json().get("role").asString()).isEqualTo("ADMIN");
    }

    @Test
    void withoutATokenNothingIsDeleted() {
        String tenant = uniqueTenant();
        Person admin = person(tenant);
        Person ann = person(tenant);
        String groupId = http.post("/api/admin/groups", "{\"name\":\"Team\"}", admin.auth()).json().get("id").asString();
        giveAuthData(admin, ann, groupId);
        Map<String, Long> before = authData(ann);
        assertThat(before).allSatisfy((kind, count) -> assertThat(count).as(kind).isPositive());

        Http.Response bare = http.send("DELETE", "/api/user/delete", null, TENANT, tenant);
        Http.Response withOnlyTheRefreshCookie = http.send("DELETE", "/api/user/account", null,
                TENANT, tenant, "Cookie", "refreshToken=" + ann.refreshCookie());

        assertThat(bare.status()).isEqualTo(401);
        assertThat(withOnlyTheRefreshCookie.status()).isEqualTo(401);
        assertThat(authData(ann)).isEqualTo(before);
        assertThat(http.get("/api/user", ann.auth()).status()).isEqualTo(200);
        assertThat(login(ann.email(), PASSWORD, TENANT, tenant).status()).isEqualTo(200);
    }

    /** A balance record and a transaction (an admin's credits), a group membership, a hold and an ACL entry. */
    private void giveAuthData(Person admin, Person who, String groupId) {
        assertThat(http.post("/api/admin/users/" + who.id() + "/balance",
                "{\"amount\":500,\"requestId\":\"" + new ObjectId() + "\"}", admin.auth()).status()).isEqualTo(200);
        assertThat(http.post("/api/admin/groups/" + groupId + "/members", "{\"userIds\":[\"" + who.id() + "\"]}",
                admin.auth()).status()).isEqualTo(200);
        mongo.insert(new Document("_id", new ObjectId().toHexString()).append("tenantId", who.tenant())
                .append("user", new ObjectId(who.id())).append("createdAt", new Date()), "balance_holds");
        mongo.insert(new Document("tenantId", who.tenant()).append("principalType", "user").append("principalId", who.id())
                .append("resourceType", "agent").append("resourceId", new ObjectId().toHexString()).append("permBits", 15)
                .append("accessRoleId", "agent_owner"), "acl_entries");
        mongo.insert(new Document("_id", new ObjectId().toHexString()).append("tenantId", who.tenant())
                .append("userId", who.id()).append("purpose", "RESET"), "account_tokens");
    }

    /** How many documents of each kind auth-service keeps about the person, in their tenant. */
    private Map<String, Long> authData(Person who) {
        ObjectId id = new ObjectId(who.id());
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("users", count(who, "users", Criteria.where("_id").is(id)));
        counts.put("sessions", count(who, "sessions", Criteria.where("userId").is(who.id())));
        counts.put("balances", count(who, "balances", Criteria.where("user").is(id)));
        counts.put("transactions", count(who, "transactions", Criteria.where("user").is(id)));
        counts.put("balance_holds", count(who, "balance_holds", Criteria.where("user").is(id)));
        counts.put("groups", count(who, "groups", Criteria.where("memberIds").is(who.id())));
        counts.put("account_tokens", count(who, "account_tokens", Criteria.where("userId").is(who.id())));
        counts.put("acl_entries", count(who, "acl_entries",
                Criteria.where("principalType").is("user").and("principalId").is(who.id())));
        return counts;
    }

    private long count(Person who, String collection, Criteria criteria) {
        return mongo.count(Query.query(Criteria.where("tenantId").is(who.tenant()).andOperator(criteria)), collection);
    }
}
