package io.parley.auth.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.auth.AuthIntegrationTest;
import io.parley.common.redis.Violations;
import io.parley.common.test.Http;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/admin/users} and {@code POST /api/balance/deduct} over real HTTP; the first person of
 * each tenant is its ADMIN. Balance checking is off here: credits still move, on a record created
 * with the start balance (20000).
 */
class AdminUsersIntegrationTest extends AuthIntegrationTest {

    private static final String UNKNOWN_ID = "000000000000000000000000";
    private static final long START = 20000;

    @Autowired
    Violations violations;
    @Autowired
    MongoTemplate mongo;

    record Person(String tenant, String id, String token, String email) {
    }

    private Person person(String tenant) {
        return person(tenant, "Test Person", "");
    }

    private Person person(String tenant, String name, String username) {
        String email = uniqueEmail();
        Http.Response registered = http.post("/api/auth/register", """
                {"name":"%s","username":"%s","email":"%s","password":"%s","confirm_password":"%s"}"""
                .formatted(name, username, email, PASSWORD, PASSWORD), "X-Parley-Tenant", tenant);
        assertThat(registered.status()).isLessThan(300);
        JsonNode session = login(email, PASSWORD, "X-Parley-Tenant", tenant).json();
        return new Person(tenant, session.at("/user/id").asString(), session.get("token").asString(), email);
    }

    private Http.Response send(Person caller, String method, String path, String body) {
        return http.send(method, path, body, "Authorization", "Bearer " + caller.token());
    }

    private Http.Response get(Person caller, String path) {
        return http.get(path, "Authorization", "Bearer " + caller.token());
    }

    private Http.Response addCredits(Person caller, String userId, String body) {
        return send(caller, "POST", "/api/admin/users/" + userId + "/balance", body);
    }

    private Http.Response deduct(Person caller, String body) {
        return send(caller, "POST", "/api/balance/deduct", body);
    }

    private Optional<Duration> banned(Person user) {
        return violations.banned(user.tenant(), null, user.id()).toCompletableFuture().join();
    }

    private double storedCredits(Person user) {
        Document balance = mongo.findOne(Query.query(Criteria.where("tenantId").is(user.tenant())
                .and("user").is(new ObjectId(user.id()))), Document.class, "balances");
        return balance == null ? -1 : ((Number) balance.get("tokenCredits")).doubleValue();
    }

    private long transactions(Person user) {
        return mongo.count(Query.query(Criteria.where("tenantId").is(user.tenant())
                .and("user").is(new ObjectId(user.id()))), "transactions");
    }

    private static List<String> ids(Http.Response list) {
        List<String> ids = new ArrayList<>();
        list.json().get("users").forEach(user -> ids.add(user.get("id").asString()));
        return ids;
    }

    @Test
    void anAdminListsTheTenantsUsersWithoutSecrets() {
        String tenant = uniqueTenant();
        Person admin = person(tenant);
        Person ann = person(tenant, "Ann Smith", "annie");
        person(uniqueTenant());

        Http.Response list = get(admin, "/api/admin/users");

        assertThat(list.status()).isEqualTo(200);
        assertThat(ids(list)).containsExactly(admin.id(), ann.id());
        assertThat(list.json().get("nextCursor").isNull()).isTrue();
        JsonNode second = list.json().get("users").get(1);
        assertThat(second.get("name").asString()).isEqualTo("Ann Smith");
        assertThat(second.get("username").asString()).isEqualTo("annie");
        assertThat(second.get("email").asString()).isEqualTo(ann.email());
        assertThat(second.get("role").asString()).isEqualTo("USER");
        assertThat(second.get("provider").asString()).isEqualTo("local");
        assertThat(second.get("createdAt").asString()).isNotEmpty();
        assertThat(list.json().get("users").get(0).get("role").asString()).isEqualTo("ADMIN");
        assertThat(list.body()).doesNotContain("password").doesNotContain("$2").doesNotContain(PASSWORD);
    }

    @Test
    void searchIsALiteralCaseInsensitivePrefixOfNameUsernameOrEmail() {
        String tenant = uniqueTenant();
        Person admin = person(tenant, "Zed Admin", "");
        Person ann = person(tenant, "Ann Smith", "annie");
        Person bob = person(tenant, "Bob", "xann");
        Person dot = person(tenant, "a.b", "");
        person(uniqueTenant(), "Ann Other", "");

        assertThat(ids(get(admin, "/api/admin/users?search=ANN"))).containsExactly(ann.id());
        assertThat(ids(get(admin, "/api/admin/users?search=xan"))).containsExactly(bob.id());
        assertThat(ids(get(admin, "/api/admin/users?search=" + dot.email().substring(0, 5))))
                .containsExactly(dot.id());
        assertThat(ids(get(admin, "/api/admin/users?search=a.b"))).containsExactly(dot.id());
        assertThat(ids(get(admin, "/api/admin/users?search=.*"))).isEmpty();
        assertThat(ids(get(admin, "/api/admin/users?search=%5B"))).isEmpty();
        assertThat(ids(get(admin, "/api/admin/users?search=%20"))).hasSize(4);
    }

    @Test
    void pagesFollowTheCursorUntilTheLastOne() {
        String tenant = uniqueTenant();
        Person admin = person(tenant);
        List<String> all = new ArrayList<>(List.of(admin.id()));
        IntStream.range(0, 4).forEach(i -> all.add(person(tenant).id()));

        Http.Response first = get(admin, "/api/admin/users?limit=2");
        String cursor = first.json().get("nextCursor").asString();
        Http.Response second = get(admin, "/api/admin/users?limit=2&cursor=" + cursor);
        Http.Response third = get(admin, "/api/admin/users?limit=2&cursor="
                + second.json().get("nextCursor").asString());

        assertThat(ids(first)).containsExactlyElementsOf(all.subList(0, 2));
        assertThat(ids(second)).containsExactlyElementsOf(all.subList(2, 4));
        assertThat(ids(third)).containsExactlyElementsOf(all.subList(4, 5));
        assertThat(third.json().get("nextCursor").isNull()).isTrue();
        assertThat(ids(get(admin, "/api/admin/users"))).containsExactlyElementsOf(all);
    }

    @Test
    void badListParametersAre400() {
        Person admin = person(uniqueTenant());

        for (String query : List.of("limit=0", "limit=101", "limit=x", "cursor=nope", "cursor=%7B%7D")) {
            Http.Response response = get(admin, "/api/admin/users?" + query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.json().get("error").asString()).as(query).isNotEmpty();
        }
        assertThat(get(admin, "/api/admin/users?limit=100").status()).isEqualTo(200);
    }

    @Test
    void aBanIsSeenWhereTheGatewayLooksAndUnbanClearsIt() {
        String tenant = uniqueTenant();
        Person admin = person(tenant);
        Person ann = person(tenant);
        Instant before = Instant.now();

        Http.Response ban = send(admin, "POST", "/api/admin/users/" + ann.id() + "/ban", "{\"durationMs\":60000}");

        assertThat(ban.status()).isEqualTo(200);
        assertThat(ban.json().get("banned").asBoolean()).isTrue();
        Instant until = Instant.parse(ban.json().get("until").asString());
        assertThat(until).isBetween(before.plusSeconds(59), Instant.now().plusSeconds(61));
        assertThat(banned(ann)).hasValueSatisfying(left -> assertThat(left).isBetween(Duration.ofSeconds(55),
                Duration.ofSeconds(60)));
        assertThat(banned(admin)).isEmpty();

        Http.Response unban = send(admin, "DELETE", "/api/admin/users/" + ann.id() + "/ban", null);

        assertThat(unban.status()).isEqualTo(200);
        assertThat(unban.json().get("banned").asBoolean()).isFalse();
        assertThat(banned(ann)).isEmpty();
    }

    @Test
    void aBanWithoutBodyLastsTheConfiguredDuration() {
        String tenant = uniqueTenant();
        Person admin = person(tenant);
        Person ann = person(tenant);

        assertThat(send(admin, "POST", "/api/admin/users/" + ann.id() + "/ban", null).status()).isEqualTo(200);

        assertThat(banned(ann)).hasValueSatisfying(left -> assertThat(left).isBetween(Duration.ofMinutes(119),
                Duration.ofHours(2)));
        violations.unban(tenant, ann.id()).toCompletableFuture().join();
    }

    @Test
    void badBanDurationsAre400() {
        String tenant = uniqueTenant();
        Person admin = person(tenant);
        Person ann = person(tenant);

        for (String body : List.of("{\"durationMs\":0}", "{\"durationMs\":-5}", "{\"durationMs\":\"x\"}", "[")) {
            assertThat(send(admin, "POST", "/api/admin/users/" + ann.id() + "/ban", body).status()).as(body)
                    .isEqualTo(400);
        }
        assertThat(banned(ann)).isEmpty();
    }

    @Test
    void addingCreditsCreatesTheRecordAndARetryAddsNothing() {
        String tenant = uniqueTenant();
        Person admin = person(tenant);
        Person ann = person(tenant);
        String body = "{\"amount\":500,\"requestId\":\"grant-1\"}";

        Http.Response first = addCredits(admin, ann.id(), body);
        Http.Response retry = addCredits(admin, ann.id(), body);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("tokenCredits").asLong()).isEqualTo(START + 500);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json().get("tokenCredits").asLong()).isEqualTo(START + 500);
        assertThat(storedCredits(ann)).isEqualTo(START + 500);
        Document transaction = mongo.findOne(Query.query(Criteria.where("tenantId").is(tenant)
                .and("user").is(new ObjectId(ann.id()))), Document.class, "transactions");
        assertThat(transaction.getString("tokenType")).isEqualTo("credits");
        assertThat(transaction.getString("context")).isEqualTo("admin");
        assertThat(((Number) transaction.get("rawAmount")).longValue()).isEqualTo(500);
        assertThat(transactions(ann)).isEqualTo(1);
        assertThat(addCredits(admin, ann.id(), "{\"amount\":7,\"requestId\":\"grant-1\"}").status())
                .isEqualTo(409);
        assertThat(storedCredits(ann)).isEqualTo(START + 500);
    }

    @Test
    void theSameRequestIdInAnotherTenantIsAnotherRequest() {
        Person admin = person(uniqueTenant());
        Person otherAdmin = person(uniqueTenant());
        String body = "{\"amount\":5,\"requestId\":\"shared\"}";

        assertThat(addCredits(admin, admin.id(), body).json().get("tokenCredits").asLong()).isEqualTo(START + 5);
        assertThat(addCredits(otherAdmin, otherAdmin.id(), body).json().get("tokenCredits").asLong())
                .isEqualTo(START + 5);
    }

    @Test
    void fiftyParallelAddsGiveTheExactTotal() throws Exception {
        String tenant = uniqueTenant();
        Person admin = person(tenant);
        Person ann = person(tenant);
        List<Future<Http.Response>> sent = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < 50; i++) {
                String body = "{\"amount\":%d,\"requestId\":\"p-%d\"}".formatted(i + 1, i);
                sent.add(pool.submit(() -> addCredits(admin, ann.id(), body)));
            }
            for (Future<Http.Response> response : sent) {
                assertThat(response.get().status()).isEqualTo(200);
            }
        }

        assertThat(storedCredits(ann)).isEqualTo(START + 50 * 51 / 2);
        assertThat(transactions(ann)).isEqualTo(50);
    }

    @Test
    void badCreditBodiesAre400AndChangeNothing() {
        String tenant = uniqueTenant();
        Person admin = person(tenant);
        Person ann = person(tenant);

        for (String body : List.of("{\"amount\":0,\"requestId\":\"r\"}", "{\"amount\":-1,\"requestId\":\"r\"}",
                "{\"amount\":1.5,\"requestId\":\"r\"}", "{\"amount\":1000000000001,\"requestId\":\"r\"}",
                "{\"amount\":\"x\",\"requestId\":\"r\"}", "{\"amount\":1}", "{\"amount\":1,\"requestId\":\"\"}",
                "{\"amount\":1,\"requestId\":\"" + "r".repeat(101) + "\"}", "{}", "")) {
            assertThat(addCredits(admin, ann.id(), body).status()).as(body).isEqualTo(400);
            assertThat(deduct(admin, body).status()).as(body).isEqualTo(400);
        }
        assertThat(addCredits(admin, ann.id(), "{\"amount\":1000000000000,\"requestId\":\"max\"}").status())
                .isEqualTo(200);
        assertThat(storedCredits(ann)).isEqualTo(START + 1_000_000_000_000L);
        assertThat(transactions(ann)).isEqualTo(1);
    }

    @Test
    void aDeductionStopsAtZeroAndARetryTakesNothingMore() {
        String tenant = uniqueTenant();
        Person admin = person(tenant);
        Person ann = person(tenant);

        Http.Response some = deduct(admin, "{\"userId\":\"%s\",\"amount\":5000,\"requestId\":\"d-1\"}"
                .formatted(ann.id()));
        Http.Response retry = deduct(admin, "{\"userId\":\"%s\",\"amount\":5000,\"requestId\":\"d-1\"}"
                .formatted(ann.id()));

        assertThat(some.status()).isEqualTo(200);
        assertThat(some.json().get("tokenCredits").asLong()).isEqualTo(START - 5000);
        assertThat(retry.json().get("tokenCredits").asLong()).isEqualTo(START - 5000);

        Http.Response all = deduct(admin, "{\"userId\":\"%s\",\"amount\":999999,\"requestId\":\"d-2\"}"
                .formatted(ann.id()));

        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().get("tokenCredits").asLong()).isZero();
        assertThat(storedCredits(ann)).isZero();
        assertThat(transactions(ann)).isEqualTo(2);
    }

    @Test
    void aDeductionWithoutUserIdTakesFromTheAdmin() {
        Person admin = person(uniqueTenant());

        Http.Response own = deduct(admin, "{\"amount\":1,\"requestId\":\"self\"}");

        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().get("tokenCredits").asLong()).isEqualTo(START - 1);
    }

    @Test
    void aUserIsRefusedEverywhereAndNothingChanges() {
        String tenant = uniqueTenant();
        Person admin = person(tenant);
        Person member = person(tenant);
        String ownCredits = "{\"amount\":5,\"requestId\":\"mine\"}";

        List<Http.Response> refused = List.of(
                get(member, "/api/admin/users"),
                get(member, "/api/admin/users?limit=bad"),
                send(member, "POST", "/api/admin/users/" + admin.id() + "/ban", null),
                send(member, "DELETE", "/api/admin/users/" + member.id() + "/ban", null),
                addCredits(member, member.id(), ownCredits),
                addCredits(member, member.id(), "{}"),
                deduct(member, ownCredits),
                deduct(member, "{\"userId\":\"%s\",\"amount\":5,\"requestId\":\"x\"}".formatted(admin.id())));

        assertThat(refused).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(403);
            assertThat(response.json().get("error").asString()).isEqualTo("forbidden");
        });
        assertThat(banned(admin)).isEmpty();
        assertThat(storedCredits(member)).isEqualTo(-1);
        assertThat(storedCredits(admin)).isEqualTo(-1);
        assertThat(transactions(member)).isZero();
    }

    @Test
    void anotherTenantsOrAnUnknownUserIsNotFound() {
        Person admin = person(uniqueTenant());
        Person stranger = person(uniqueTenant());

        for (String userId : List.of(stranger.id(), UNKNOWN_ID, "not-an-id")) {
            assertThat(send(admin, "POST", "/api/admin/users/" + userId + "/ban", null).status()).as(userId)
                    .isEqualTo(404);
            assertThat(send(admin, "DELETE", "/api/admin/users/" + userId + "/ban", null).status()).as(userId)
                    .isEqualTo(404);
            assertThat(addCredits(admin, userId, "{\"amount\":5,\"requestId\":\"%s\"}".formatted(userId)).status())
                    .as(userId).isEqualTo(404);
            assertThat(deduct(admin, "{\"userId\":\"%s\",\"amount\":5,\"requestId\":\"%s\"}"
                    .formatted(userId, userId)).status()).as(userId).isEqualTo(404);
        }
        assertThat(banned(stranger)).isEmpty();
        assertThat(storedCredits(stranger)).isEqualTo(-1);
        assertThat(transactions(stranger)).isZero();
        assertThat(ids(get(admin, "/api/admin/users"))).containsExactly(admin.id());
    }

    @Test
    void withoutATokenEveryRouteIs401() {
        assertThat(http.get("/api/admin/users").status()).isEqualTo(401);
        assertThat(http.post("/api/admin/users/" + UNKNOWN_ID + "/ban", "{}").status()).isEqualTo(401);
        assertThat(http.send("DELETE", "/api/admin/users/" + UNKNOWN_ID + "/ban", null).status()).isEqualTo(401);
        assertThat(http.post("/api/admin/users/" + UNKNOWN_ID + "/balance", "{}").status()).isEqualTo(401);
        assertThat(http.post("/api/balance/deduct", "{}").status()).isEqualTo(401);
    }
}
