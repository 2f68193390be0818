package io.parley.auth.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.auth.AuthIntegrationTest;
import io.parley.common.test.Http;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;

/**
 * The audit log over real HTTP: sign-ins, failed sign-ins and admins' actions are recorded with who, what and from
 * where; the tenant's ADMIN reads, filters, pages and exports them, nobody else; and {@code verify} finds an
 * edited, a deleted and a reordered entry.
 */
class AuditLogIntegrationTest extends AuthIntegrationTest {

    private static final Duration CHAINED = Duration.ofSeconds(20);

    @Autowired
    MongoTemplate mongo;
    @Autowired
    AuditTrail trail;

    private Member person(String tenant) {
        return member(tenant, "X-Parley-Client-Ip", "203.0.113.7", "User-Agent", "audit-test/1.0");
    }

    private Http.Response get(Member caller, String path) {
        return send(caller, "GET", path, null);
    }

    private long chained(String tenant) {
        return mongo.count(Query.query(Criteria.where("chainKey").is(tenant)), "audit_log");
    }

    private void awaitChained(String tenant, long count) {
        await().atMost(CHAINED).until(() -> chained(tenant) >= count);
    }

    private static List<String> actions(JsonNode page) {
        List<String> actions = new ArrayList<>();
        page.get("entries").forEach(entry -> actions.add(entry.get("action").asString()));
        return actions;
    }

    @Test
    void signInsFailedSignInsAndAnAdminsActionsAreRecordedNewestFirstWithWhoAndFromWhere() {
        Member admin = person(uniqueTenant());
        Member user = person(admin.tenant());
        assertThat(login(user.email(), "Wrong-Password-1", "X-Parley-Tenant", admin.tenant(),
                "X-Parley-Client-Ip", "198.51.100.9").status()).isEqualTo(401);
        assertThat(send(admin, "POST", "/api/admin/users/" + user.id() + "/ban", "{\"durationMs\":60000}").status())
                .isEqualTo(200);
        awaitChained(admin.tenant(), 4);

        JsonNode page = get(admin, "/api/admin/audit-log").json();

        assertThat(actions(page)).containsExactly("user.banned", "auth.sign_in_failed", "auth.sign_in", "auth.sign_in");
        assertThat(page.get("total").asLong()).isEqualTo(4);
        assertThat(page.get("nextCursor").isNull()).isTrue();
        JsonNode ban = page.at("/entries/0");
        assertThat(ban.at("/category").asString()).isEqualTo("user");
        assertThat(ban.at("/outcome").asString()).isEqualTo("success");
        assertThat(ban.at("/severity").asString()).isEqualTo("warning");
        assertThat(ban.at("/actor/id").asString()).isEqualTo(admin.id());
        assertThat(ban.at("/target/id").asString()).isEqualTo(user.id());
        assertThat(ban.at("/metadata/durationMs").asLong()).isEqualTo(60000);
        assertThat(ban.at("/tenantId").asString()).isEqualTo(admin.tenant());
        assertThat(ban.at("/integrity/seq").asLong()).isEqualTo(4);
        assertThat(ban.at("/integrity/prevHash").asString()).isEqualTo(page.at("/entries/1/integrity/hash").asString());
        assertThat(Instant.parse(ban.at("/timestamp").asString())).isBefore(Instant.now().plusSeconds(1));
        JsonNode failed = page.at("/entries/1");
        assertThat(failed.at("/outcome").asString()).isEqualTo("failure");
        assertThat(failed.at("/actor/name").asString()).isEqualTo(user.email());
        assertThat(failed.at("/context/ip").asString()).isEqualTo("198.51.100.9");
        assertThat(failed.toString()).doesNotContain("Wrong-Password-1");
        JsonNode signIn = page.at("/entries/2");
        assertThat(signIn.at("/context/ip").asString()).isEqualTo("203.0.113.7");
        assertThat(signIn.at("/context/userAgent").asString()).isEqualTo("audit-test/1.0");
        assertThat(signIn.at("/context/requestId").asString()).isNotBlank();
        assertThat(signIn.at("/integrity/seq").asLong()).isEqualTo(2);

        Http.Response one = get(admin, "/api/admin/audit-log/" + ban.get("id").asString());
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("action").asString()).isEqualTo("user.banned");
    }

    @Test
    void onlyTheTenantsAdminReadsTheLogAndAnotherTenantsEntryIsNotFound() {
        Member admin = person(uniqueTenant());
        Member user = person(admin.tenant());
        Member otherAdmin = person(uniqueTenant());
        awaitChained(admin.tenant(), 2);
        String id = get(admin, "/api/admin/audit-log").json().at("/entries/0/id").asString();

        for (String path : List.of("/api/admin/audit-log", "/api/admin/audit-log/verify",
                "/api/admin/audit-log/export.csv", "/api/admin/audit-log/" + id)) {
            Http.Response refused = get(user, path);
            assertThat(refused.status()).as(path).isEqualTo(403);
            assertThat(refused.json().get("error").asString()).as(path).isNotBlank();
        }
        assertThat(get(otherAdmin, "/api/admin/audit-log/" + id).status()).isEqualTo(404);
        assertThat(get(otherAdmin, "/api/admin/audit-log/not-an-id").status()).isEqualTo(404);
        awaitChained(otherAdmin.tenant(), 1);
        JsonNode theirs = get(otherAdmin, "/api/admin/audit-log").json();
        assertThat(theirs.get("total").asLong()).isEqualTo(1);
        assertThat(theirs.at("/entries/0/actor/id").asString()).isEqualTo(otherAdmin.id());
    }

    @Test
    void filtersNarrowThePageAndTheCursorWalksItNewestFirst() {
        Member admin = person(uniqueTenant());
        for (int i = 0; i < 3; i++) {
            assertThat(send(admin, "POST", "/api/admin/users", """
                    {"email":"%s","name":"Person %d"}""".formatted(uniqueEmail(), i)).status()).isEqualTo(201);
        }
        awaitChained(admin.tenant(), 4);

        JsonNode created = get(admin, "/api/admin/audit-log?category=user&limit=2").json();
        assertThat(actions(created)).containsExactly("user.created", "user.created");
        assertThat(created.get("total").asLong()).isEqualTo(3);
        long cursor = created.get("nextCursor").asLong();
        JsonNode rest = get(admin, "/api/admin/audit-log?category=user&limit=2&cursor=" + cursor).json();
        assertThat(actions(rest)).containsExactly("user.created");
        assertThat(rest.get("nextCursor").isNull()).isTrue();
        assertThat(rest.at("/entries/0/integrity/seq").asLong()).isLessThan(cursor);
        assertThat(actions(get(admin, "/api/admin/audit-log?action=auth.sign_in,auth.sign_in_failed").json()))
                .containsExactly("auth.sign_in");
        assertThat(get(admin, "/api/admin/audit-log?actorQuery=" + admin.email().substring(0, 5).toUpperCase())
                .json().get("total").asLong()).isEqualTo(4);
        assertThat(get(admin, "/api/admin/audit-log?from=2999-01-01T00:00:00Z").json().get("total").asLong()).isZero();

        for (String bad : List.of("category=nonsense", "action=user.exploded", "outcome=maybe", "limit=0", "limit=501",
                "from=yesterday", "cursor=-1", "actorType=robot")) {
            Http.Response refused = get(admin, "/api/admin/audit-log?" + bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.json().get("error").asString()).as(bad).isNotBlank();
        }
    }

    @Test
    void theExportIsCsvWhoseFormulaLikeCellsStayText() {
        Member admin = person(uniqueTenant());
        // Someone tries to sign in as a formula.
        assertThat(login("=HYPERLINK(1)@example.com", "Wrong-Password-1", "X-Parley-Tenant", admin.tenant()).status())
                .isEqualTo(401);
        awaitChained(admin.tenant(), 2);

        Http.Response export = get(admin, "/api/admin/audit-log/export.csv");

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.header("Content-Type").orElseThrow()).startsWith("text/csv");
        String[] lines = export.body().split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("timestamp,seq,category,action");
        assertThat(lines[1]).contains(",auth.sign_in_failed,").contains("'=HYPERLINK(1)").doesNotContain(",=HYPERLINK");
        assertThat(lines[2]).contains(",auth.sign_in,");
        assertThat(get(admin, "/api/admin/audit-log/export.csv?action=auth.sign_in").body().split("\r\n")).hasSize(2);
        assertThat(get(admin, "/api/admin/audit-log/export.csv?from=never").status()).isEqualTo(400);
    }

    @Test
    void verifyPassesAnUntouchedChainAndFindsAnEditedEntry() {
        Member admin = chainOfFour();
        JsonNode ok = get(admin, "/api/admin/audit-log/verify").json();
        assertThat(ok.get("ok").asBoolean()).isTrue();
        assertThat(ok.get("chainKey").asString()).isEqualTo(admin.tenant());
        assertThat(ok.get("checked").asLong()).isEqualTo(4);
        assertThat(ok.at("/range/lastSeq").asLong()).isEqualTo(4);

        mongo.updateFirst(entry(admin, 2), Update.update("outcome", "failure"), "audit_log");

        JsonNode broken = get(admin, "/api/admin/audit-log/verify").json();
        assertThat(broken.get("ok").asBoolean()).isFalse();
        assertThat(broken.get("brokenAt").asLong()).isEqualTo(2);
        assertThat(broken.get("reason").asString()).contains("hash");
    }

    @Test
    void verifyFindsADeletedEntry() {
        Member admin = chainOfFour();
        mongo.remove(entry(admin, 3), "audit_log");

        JsonNode broken = get(admin, "/api/admin/audit-log/verify").json();
        assertThat(broken.get("ok").asBoolean()).isFalse();
        assertThat(broken.get("brokenAt").asLong()).isEqualTo(3);
        assertThat(broken.get("reason").asString()).contains("missing");
    }

    @Test
    void verifyFindsTwoEntriesSwapped() {
        Member admin = chainOfFour();
        mongo.updateFirst(entry(admin, 2), Update.update("seq", -2L), "audit_log");
        mongo.updateFirst(entry(admin, 3), Update.update("seq", 2L), "audit_log");
        mongo.updateFirst(entry(admin, -2), Update.update("seq", 3L), "audit_log");

        JsonNode broken = get(admin, "/api/admin/audit-log/verify").json();
        assertThat(broken.get("ok").asBoolean()).isFalse();
        assertThat(broken.get("brokenAt").asLong()).isEqualTo(2);
    }

    @Test
    void eventsRecordedAtOnceFromManyThreadsFormOneUnbrokenChain() throws Exception {
        Member admin = person(uniqueTenant());
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                long n = i;
                done.add(threads.submit(() -> trail.record(new AuditEvent(admin.tenant(), AuditAction.CACHE_FLUSHED,
                        AuditEvent.Outcome.SUCCESS, AuditEvent.Actor.operator(), new AuditEvent.Target("cache", null, null),
                        Map.of("n", n)))));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdown();
        }
        awaitChained(admin.tenant(), 41);

        JsonNode verified = get(admin, "/api/admin/audit-log/verify").json();
        assertThat(verified.get("ok").asBoolean()).isTrue();
        assertThat(verified.get("checked").asLong()).isEqualTo(41);
    }

    @Test
    void anEventLeftInTheOutboxByAStoppedInstanceIsChainedByTheSweep() {
        Member admin = person(uniqueTenant());
        awaitChained(admin.tenant(), 1);
        // As an instance that stored the event and stopped before chaining it leaves it.
        mongo.insert(new PendingAuditEntry(new ObjectId(), admin.tenant(), AuditAction.TERMS_RESET.wire(), "success",
                AuditEvent.Actor.operator(), new AuditEvent.Target("terms", null, null), Map.of(), null,
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));

        awaitChained(admin.tenant(), 2);
        assertThat(get(admin, "/api/admin/audit-log/verify").json().get("ok").asBoolean()).isTrue();
        assertThat(mongo.count(Query.query(Criteria.where("tenantId").is(admin.tenant())), "audit_outbox")).isZero();
    }

    private Member chainOfFour() {
        Member admin = person(uniqueTenant());
        for (int i = 0; i < 3; i++) {
            assertThat(send(admin, "POST", "/api/admin/terms/reset", null).status()).isEqualTo(200);
        }
        awaitChained(admin.tenant(), 4);
        return admin;
    }

    private static Query entry(Member admin, long seq) {
        return Query.query(Criteria.where("chainKey").is(admin.tenant()).and("seq").is(seq));
    }
}
