package io.parley.auth.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.auth.AuthIntegrationTest;
import io.parley.common.test.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

/**
 * The admin routes behind LibreChat's account scripts, over real HTTP, called by the first person of a
 * tenant (its ADMIN): creating, inviting, resetting a password, deleting, balances, terms, the banner
 * and the flush of limits. Each refuses other people with 403 and other tenants' ids with 404, and a bad
 * body writes nothing.
 */
class AdminAccountsIntegrationTest extends AuthIntegrationTest {

    @Autowired
    MongoTemplate mongo;

    private long users(String tenant) {
        return mongo.count(Query.query(Criteria.where("tenantId").is(tenant)), "users");
    }

    @Test
    void anAdminCreatesAVerifiedAccountThatSignsInWithItsPassword() {
        Member admin = member(uniqueTenant());
        String email = uniqueEmail();
        Http.Response created = send(admin, "POST", "/api/admin/users", """
                {"email":"%s","name":"Grace Hopper","username":"grace","password":"%s"}""".formatted(email.toUpperCase(), PASSWORD));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().at("/user/email").asString()).isEqualTo(email);
        assertThat(created.json().at("/user/username").asString()).isEqualTo("grace");
        assertThat(created.json().at("/user/role").asString()).isEqualTo("USER");
        assertThat(created.json().at("/user/password").isMissingNode()).isTrue();
        Http.Response login = login(email, PASSWORD, "X-Parley-Tenant", admin.tenant());
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().at("/user/emailVerified").asBoolean()).isTrue();
    }

    @Test
    void aTakenEmailOrUsernameIsAConflictAndBadBodiesAre400WithNothingWritten() {
        Member admin = member(uniqueTenant());
        assertThat(send(admin, "POST", "/api/admin/users", """
                {"email":"%s","name":"Grace Hopper","username":"grace"}""".formatted(uniqueEmail())).status()).isEqualTo(201);
        long before = users(admin.tenant());

        assertThat(send(admin, "POST", "/api/admin/users", """
                {"email":"%s","name":"Another One"}""".formatted(admin.email())).status()).isEqualTo(409);
        assertThat(send(admin, "POST", "/api/admin/users", """
                {"email":"%s","name":"Another One","username":"GRACE"}""".formatted(uniqueEmail())).status()).isEqualTo(409);
        Http.Response bad = send(admin, "POST", "/api/admin/users", """
                {"email":"not-an-address","name":"A","password":"short","role":"ROOT"}""");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("details").findValuesAsString("field"))
                .contains("email", "name", "password", "role");
        assertThat(send(admin, "POST", "/api/admin/users", null).status()).isEqualTo(400);
        assertThat(users(admin.tenant())).isEqualTo(before);
    }

    @Test
    void everyNewRouteIsForbiddenToPeopleWhoAreNotAdmins() {
        Member admin = member(uniqueTenant());
        Member user = member(admin.tenant());
        String target = "/api/admin/users/" + admin.id();
        assertThat(send(user, "POST", "/api/admin/users", """
                {"email":"%s","name":"Grace Hopper"}""".formatted(uniqueEmail())).status()).isEqualTo(403);
        assertThat(send(user, "POST", "/api/admin/invites", "{\"email\":\"x@example.com\"}").status()).isEqualTo(403);
        assertThat(send(user, "PUT", target + "/password", "{\"password\":\"Other-Horse-77\"}").status()).isEqualTo(403);
        assertThat(send(user, "DELETE", target, null).status()).isEqualTo(403);
        assertThat(send(user, "PUT", target + "/balance", "{\"tokenCredits\":5}").status()).isEqualTo(403);
        assertThat(send(user, "GET", "/api/admin/balances", null).status()).isEqualTo(403);
        assertThat(send(user, "POST", "/api/admin/terms/reset", null).status()).isEqualTo(403);
        assertThat(send(user, "PUT", "/api/admin/banner", "{\"message\":\"hi\"}").status()).isEqualTo(403);
        assertThat(send(user, "POST", "/api/admin/cache/flush", "{\"dryRun\":true}").status()).isEqualTo(403);
        assertThat(users(admin.tenant())).isEqualTo(2);
        assertThat(login(admin.email(), PASSWORD, "X-Parley-Tenant", admin.tenant()).status()).isEqualTo(200);
    }

    @Test
    void anotherTenantsUserIsNotFoundForEveryRouteThatNamesOne() {
        Member admin = member(uniqueTenant());
        Member stranger = member(uniqueTenant());
        String target = "/api/admin/users/" + stranger.id();
        assertThat(send(admin, "PUT", target + "/password", "{\"password\":\"Other-Horse-77\"}").status()).isEqualTo(404);
        assertThat(send(admin, "DELETE", target, null).status()).isEqualTo(404);
        assertThat(send(admin, "PUT", target + "/balance", "{\"tokenCredits\":5}").status()).isEqualTo(404);
        assertThat(send(admin, "GET", "/api/admin/users?email=" + stranger.email(), null).json().get("users")).isEmpty();
        assertThat(login(stranger.email(), PASSWORD, "X-Parley-Tenant", stranger.tenant()).status()).isEqualTo(200);
    }

    @Test
    void aPasswordResetByAnAdminReplacesThePasswordAndEndsTheSessions() {
        Member admin = member(uniqueTenant());
        Member user = member(admin.tenant());
        Http.Response session = login(user.email(), PASSWORD, "X-Parley-Tenant", user.tenant());
        String refresh = session.cookie("refreshToken");

        assertThat(send(admin, "PUT", "/api/admin/users/" + user.id() + "/password", "{\"password\":\"short\"}").status())
                .isEqualTo(400);
        assertThat(login(user.email(), PASSWORD, "X-Parley-Tenant", user.tenant()).status()).isEqualTo(200);
        Http.Response reset = send(admin, "PUT", "/api/admin/users/" + user.id() + "/password",
                "{\"password\":\"Other-Horse-77\"}");

        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.json().get("message").asString()).isEqualTo("Password successfully reset");
        assertThat(login(user.email(), PASSWORD, "X-Parley-Tenant", user.tenant()).status()).isEqualTo(401);
        assertThat(login(user.email(), "Other-Horse-77", "X-Parley-Tenant", user.tenant()).status()).isEqualTo(200);
        assertThat(http.post("/api/auth/refresh", null, "Cookie", "refreshToken=" + refresh, "X-Parley-Tenant",
                user.tenant()).status()).isEqualTo(401);
    }

    @Test
    void anAdminDeletesAnotherAccountButNotTheirOwn() {
        Member admin = member(uniqueTenant());
        Member user = member(admin.tenant());

        assertThat(send(admin, "DELETE", "/api/admin/users/" + admin.id(), null).status()).isEqualTo(403);
        Http.Response deleted = send(admin, "DELETE", "/api/admin/users/" + user.id(), null);

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("message").asString()).isEqualTo("User was deleted successfully.");
        assertThat(login(user.email(), PASSWORD, "X-Parley-Tenant", user.tenant()).status()).isEqualTo(401);
        assertThat(send(admin, "DELETE", "/api/admin/users/" + user.id(), null).status()).isEqualTo(404);
        assertThat(users(admin.tenant())).isEqualTo(1);
    }

    @Test
    void balancesAreSetOutrightAndListedWithTheUsersThatHaveNone() {
        Member admin = member(uniqueTenant());
        Member user = member(admin.tenant());

        assertThat(send(admin, "PUT", "/api/admin/users/" + user.id() + "/balance", "{\"tokenCredits\":-1}").status())
                .isEqualTo(400);
        assertThat(send(admin, "PUT", "/api/admin/users/" + user.id() + "/balance", "{\"tokenCredits\":1.5}").status())
                .isEqualTo(400);
        Http.Response set = send(admin, "PUT", "/api/admin/users/" + user.id() + "/balance", "{\"tokenCredits\":1234}");
        JsonNode list = send(admin, "GET", "/api/admin/balances", null).json();

        assertThat(set.json().get("tokenCredits").asLong()).isEqualTo(1234);
        assertThat(list.get("balances")).hasSize(2);
        assertThat(list.at("/balances/0/id").asString()).isEqualTo(admin.id());
        assertThat(list.at("/balances/0/tokenCredits").isNull()).isTrue();
        assertThat(list.at("/balances/1/email").asString()).isEqualTo(user.email());
        assertThat(list.at("/balances/1/tokenCredits").asLong()).isEqualTo(1234);
    }

    @Test
    void anInvitationOpensRegistrationForItsAddressOnceAndForNoOtherAddress() {
        Member admin = member(uniqueTenant());
        String email = uniqueEmail();
        assertThat(send(admin, "POST", "/api/admin/invites", "{\"email\":\"" + admin.email() + "\"}").status())
                .isEqualTo(409);
        assertThat(send(admin, "POST", "/api/admin/invites", "{\"email\":\"nope\"}").status()).isEqualTo(400);
        Http.Response invited = send(admin, "POST", "/api/admin/invites", "{\"email\":\"" + email + "\"}");

        assertThat(invited.status()).isEqualTo(200);
        String link = invited.json().get("link").asString();
        assertThat(link).startsWith("http://localhost:3080/register?token=");
        String token = link.substring(link.indexOf("token=") + 6);
        String body = """
                {"name":"Invited Person","email":"%s","password":"%s","confirm_password":"%s","token":"%s"}""";
        assertThat(http.post("/api/auth/register", body.formatted(uniqueEmail(), PASSWORD, PASSWORD, token),
                "X-Parley-Tenant", admin.tenant()).status()).isEqualTo(400);
        assertThat(http.post("/api/auth/register", body.formatted(email, PASSWORD, PASSWORD, token),
                "X-Parley-Tenant", admin.tenant()).status()).isEqualTo(200);
        assertThat(login(email, PASSWORD, "X-Parley-Tenant", admin.tenant()).status()).isEqualTo(200);
        assertThat(http.post("/api/auth/register", body.formatted(email, PASSWORD, PASSWORD, token),
                "X-Parley-Tenant", admin.tenant()).status()).isEqualTo(400);
    }

    @Test
    void resettingTermsAsksEveryUserOfTheTenantAgainAndNoOneElse() {
        Member admin = member(uniqueTenant());
        Member user = member(admin.tenant());
        Member stranger = member(uniqueTenant());
        for (Member p : new Member[] {admin, user, stranger}) {
            assertThat(send(p, "POST", "/api/user/terms/accept", null).status()).isEqualTo(200);
        }

        Http.Response reset = send(admin, "POST", "/api/admin/terms/reset", null);

        assertThat(reset.json().get("modifiedCount").asLong()).isEqualTo(2);
        assertThat(send(user, "GET", "/api/user/terms", null).json().get("termsAccepted").asBoolean()).isFalse();
        assertThat(send(stranger, "GET", "/api/user/terms", null).json().get("termsAccepted").asBoolean()).isTrue();
    }

    @Test
    void theBannerIsReplacedShownAndDeletedWithLibreChatsIdForItsMessage() {
        Member admin = member(uniqueTenant());
        assertThat(send(admin, "GET", "/api/admin/banner", null).status()).isEqualTo(404);
        assertThat(send(admin, "PUT", "/api/admin/banner", "{\"message\":\" \"}").status()).isEqualTo(400);
        assertThat(send(admin, "PUT", "/api/admin/banner", """
                {"message":"Maintenance","displayFrom":"2020-01-01T00:00:00Z","displayTo":"2019-01-01T00:00:00Z"}""")
                .status()).isEqualTo(400);
        assertThat(send(admin, "PUT", "/api/admin/banner", "{\"message\":\"Maintenance\",\"displayTo\":\"tomorrow\"}")
                .status()).isEqualTo(400);
        assertThat(mongo.count(Query.query(Criteria.where("tenantId").is(admin.tenant())), "banners")).isZero();

        send(admin, "PUT", "/api/admin/banner", "{\"message\":\"First\",\"isPublic\":true}");
        Http.Response replaced = send(admin, "PUT", "/api/admin/banner", "{\"message\":\"Maintenance tonight\"}");

        assertThat(replaced.status()).isEqualTo(200);
        // uuidv5("Maintenance tonight", "6ba7b810-9dad-11d1-80b4-00c04fd430c8"), as LibreChat's script computes it
        assertThat(replaced.json().get("bannerId").asString()).isEqualTo(BannerIds.MAINTENANCE_TONIGHT);
        assertThat(mongo.count(Query.query(Criteria.where("tenantId").is(admin.tenant())), "banners")).isEqualTo(1);
        assertThat(http.get("/api/banner", "X-Parley-Tenant", admin.tenant()).body()).isEqualTo("null");
        assertThat(send(admin, "GET", "/api/banner", null).json().get("message").asString()).isEqualTo("Maintenance tonight");
        assertThat(send(admin, "DELETE", "/api/admin/banner/" + BannerIds.MAINTENANCE_TONIGHT, null).status()).isEqualTo(200);
        assertThat(send(admin, "DELETE", "/api/admin/banner/" + BannerIds.MAINTENANCE_TONIGHT, null).status()).isEqualTo(404);
    }

    @Test
    void aFlushDropsTheTenantsLimitsAndBansOnly() {
        Member admin = member(uniqueTenant());
        Member user = member(admin.tenant());
        Member stranger = member(uniqueTenant());
        send(admin, "POST", "/api/admin/users/" + user.id() + "/ban", "{\"durationMs\":60000}");
        send(stranger, "POST", "/api/admin/users/" + stranger.id() + "/ban", "{\"durationMs\":60000}");

        JsonNode dryRun = send(admin, "POST", "/api/admin/cache/flush", "{\"dryRun\":true}").json();
        JsonNode flushed = send(admin, "POST", "/api/admin/cache/flush", "{}").json();

        assertThat(dryRun.get("keys").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(dryRun.get("dryRun").asBoolean()).isTrue();
        assertThat(flushed.get("keys").asLong()).isEqualTo(dryRun.get("keys").asLong());
        assertThat(send(admin, "POST", "/api/admin/cache/flush", "{\"dryRun\":true}").json().get("keys").asLong()).isZero();
        assertThat(send(stranger, "POST", "/api/admin/cache/flush", "{\"dryRun\":true}").json().get("keys").asLong())
                .isGreaterThanOrEqualTo(1);
    }

    /** Ids LibreChat's {@code uuidv5} gives, computed with its namespace by another implementation (Python's uuid.uuid5). */
    static final class BannerIds {
        static final String MAINTENANCE_TONIGHT = "acfb615b-b680-53ff-b89d-2df46c7191d2";
    }
}
