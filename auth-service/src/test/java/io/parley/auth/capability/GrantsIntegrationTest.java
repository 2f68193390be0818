package io.parley.auth.capability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.auth.AuthIntegrationTest;
import io.parley.common.test.Http;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

/**
 * Capabilities over real HTTP: a person holds nothing on the admin routes until a capability is granted to them,
 * their role or one of their groups; {@code manage} implies {@code read}; a delegated admin grants only what it
 * holds and cannot act on an ADMIN; bad grants are 400 and another tenant's principal 404, with nothing stored.
 */
class GrantsIntegrationTest extends AuthIntegrationTest {

    @Autowired
    MongoTemplate mongo;

    private Http.Response grant(Member admin, String type, String id, String capability) {
        return send(admin, "POST", "/api/admin/grants", """
                {"principalType":"%s","principalId":"%s","capability":"%s"}""".formatted(type, id, capability));
    }

    private long grants(String tenant) {
        return mongo.count(Query.query(Criteria.where("tenantId").is(tenant)), "system_grants");
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }

    @Test
    void aPersonHoldsNothingUntilGrantedAndThenReadsUsersButCannotManageThem() {
        Member admin = member(uniqueTenant());
        Member user = member(admin.tenant());
        assertThat(send(user, "GET", "/api/admin/users", null).status()).isEqualTo(403);
        assertThat(strings(send(user, "GET", "/api/admin/grants/effective", null).json().get("capabilities"))).isEmpty();

        Http.Response granted = grant(admin, "user", user.id(), "read:users");

        assertThat(granted.status()).isEqualTo(201);
        assertThat(granted.json().at("/grant/capability").asString()).isEqualTo("read:users");
        assertThat(granted.json().at("/grant/grantedBy").asString()).isEqualTo(admin.id());
        assertThat(send(user, "GET", "/api/admin/users", null).status()).isEqualTo(200);
        assertThat(send(user, "POST", "/api/admin/users/" + admin.id() + "/ban", "{}").status()).isEqualTo(403);
        assertThat(send(user, "GET", "/api/admin/grants", null).status()).isEqualTo(403);
        assertThat(strings(send(user, "GET", "/api/admin/grants/effective", null).json().get("capabilities")))
                .containsExactly("read:users");
        assertThat(strings(send(admin, "GET", "/api/admin/grants/effective", null).json().get("capabilities")))
                .contains("access:admin", "manage:users", "read:audit_log");
        assertThat(grant(admin, "user", user.id(), "read:users").json().at("/grant/id").asString())
                .as("granting again answers the grant there is").isEqualTo(granted.json().at("/grant/id").asString());
        assertThat(grants(admin.tenant())).isEqualTo(1);

        await().atMost(Duration.ofSeconds(20)).until(() -> send(admin, "GET",
                "/api/admin/audit-log?action=grant.assigned", null).json().get("total").asLong() == 1);
        JsonNode audited = send(admin, "GET", "/api/admin/audit-log?action=grant.assigned", null).json().at("/entries/0");
        assertThat(audited.at("/category").asString()).isEqualTo("grant");
        assertThat(audited.at("/metadata/capability").asString()).isEqualTo("read:users");
        assertThat(audited.at("/target/id").asString()).isEqualTo(user.id());

        assertThat(send(admin, "DELETE", "/api/admin/grants/user/" + user.id() + "/read:users", null).status())
                .isEqualTo(200);
        assertThat(send(user, "GET", "/api/admin/users", null).status()).isEqualTo(403);
        assertThat(send(admin, "DELETE", "/api/admin/grants/user/" + user.id() + "/read:users", null).status())
                .isEqualTo(404);
    }

    /** A route, a body it accepts, and the capability that opens it. */
    record Gate(String method, String path, String body, String capability) {
    }

    @Test
    void everyAdminRouteIsForbiddenWithoutItsCapabilityAndOpensWithIt() {
        Member admin = member(uniqueTenant());
        List<Gate> gates = List.of(
                new Gate("GET", "/api/admin/users", null, "read:users"),
                new Gate("GET", "/api/admin/balances", null, "read:users"),
                new Gate("POST", "/api/admin/users", "{\"email\":\"" + uniqueEmail() + "\",\"name\":\"New One\"}",
                        "manage:users"),
                new Gate("POST", "/api/admin/invites", "{\"email\":\"" + uniqueEmail() + "\"}", "manage:users"),
                new Gate("GET", "/api/admin/groups", null, "read:groups"),
                new Gate("POST", "/api/admin/groups", "{\"name\":\"Gate group\"}", "manage:groups"),
                new Gate("GET", "/api/roles", null, "read:roles"),
                new Gate("PUT", "/api/roles/USER/prompts", "{\"USE\":true}", "manage:roles"),
                new Gate("GET", "/api/admin/grants", null, "read:roles"),
                new Gate("PUT", "/api/admin/banner", "{\"message\":\"Hello\"}", "manage:configs"),
                new Gate("POST", "/api/admin/terms/reset", null, "manage:configs"),
                new Gate("POST", "/api/admin/cache/flush", "{\"dryRun\":true}", "manage:configs"),
                new Gate("GET", "/api/admin/audit-log", null, "read:audit_log"));
        for (Gate gate : gates) {
            Member person = member(admin.tenant());
            Http.Response refused = send(person, gate.method(), gate.path(), gate.body());
            assertThat(refused.status()).as("%s %s without %s", gate.method(), gate.path(), gate.capability())
                    .isEqualTo(403);
            assertThat(refused.json().get("error").asString()).isNotBlank();
            assertThat(grant(admin, "user", person.id(), gate.capability()).status()).isEqualTo(201);
            assertThat(send(person, gate.method(), gate.path(), gate.body()).status())
                    .as("%s %s with %s", gate.method(), gate.path(), gate.capability()).isBetween(200, 201);
        }
    }

    @Test
    void grantsToTheRoleOrAGroupCountAndManageImpliesRead() {
        Member admin = member(uniqueTenant());
        Member user = member(admin.tenant());
        assertThat(grant(admin, "role", "USER", "read:audit_log").status()).isEqualTo(201);
        assertThat(send(user, "GET", "/api/admin/audit-log", null).status()).isEqualTo(200);
        assertThat(send(user, "GET", "/api/admin/groups", null).status()).isEqualTo(403);

        String group = send(admin, "POST", "/api/admin/groups", "{\"name\":\"Helpdesk\"}").json().get("id").asString();
        assertThat(send(admin, "POST", "/api/admin/groups/" + group + "/members",
                "{\"userIds\":[\"" + user.id() + "\"]}").status()).isEqualTo(200);
        assertThat(grant(admin, "group", group, "manage:groups").status()).isEqualTo(201);

        assertThat(send(user, "GET", "/api/admin/groups", null).status()).isEqualTo(200);
        assertThat(send(user, "PATCH", "/api/admin/groups/" + group, "{\"description\":\"first line\"}").status())
                .isEqualTo(200);
        assertThat(strings(send(user, "GET", "/api/admin/grants/effective", null).json().get("capabilities")))
                .containsExactlyInAnyOrder("read:audit_log", "manage:groups", "read:groups");
        assertThat(send(admin, "GET", "/api/admin/grants/group/" + group, null).json().at("/grants/0/capability")
                .asString()).isEqualTo("manage:groups");
    }

    @Test
    void aDelegatedAdminGrantsOnlyWhatItHoldsAndCannotActOnAnAdmin() {
        Member admin = member(uniqueTenant());
        Member delegate = member(admin.tenant());
        Member other = member(admin.tenant());
        grant(admin, "user", delegate.id(), "manage:roles");
        grant(admin, "user", delegate.id(), "manage:users");

        assertThat(grant(delegate, "user", other.id(), "read:users").status()).isEqualTo(201);
        assertThat(grant(delegate, "user", other.id(), "read:audit_log").status()).isEqualTo(403);
        assertThat(grant(delegate, "user", delegate.id(), "read:audit_log").status()).isEqualTo(403);
        assertThat(send(delegate, "POST", "/api/admin/users/" + admin.id() + "/ban", "{}").status()).isEqualTo(403);
        assertThat(send(delegate, "PUT", "/api/admin/users/" + admin.id() + "/password",
                "{\"password\":\"Taken-Over-99\"}").status()).isEqualTo(403);
        assertThat(send(delegate, "DELETE", "/api/admin/users/" + admin.id(), null).status()).isEqualTo(403);
        assertThat(send(delegate, "POST", "/api/admin/users", """
                {"email":"%s","name":"Mallory","role":"ADMIN"}""".formatted(uniqueEmail())).status()).isEqualTo(403);
        assertThat(send(delegate, "POST", "/api/roles", """
                {"userId":"%s","role":"ADMIN"}""".formatted(delegate.id())).status()).isEqualTo(403);
        assertThat(send(delegate, "POST", "/api/roles", """
                {"userId":"%s","role":"USER"}""".formatted(admin.id())).status()).isEqualTo(403);
        assertThat(send(delegate, "POST", "/api/admin/users/" + other.id() + "/ban", "{\"durationMs\":1000}")
                .status()).isEqualTo(200);
        assertThat(login(admin.email(), PASSWORD, "X-Parley-Tenant", admin.tenant()).status()).isEqualTo(200);
    }

    @Test
    void badGrantsAre400AndAnotherTenantsPrincipalIs404WithNothingStored() {
        Member admin = member(uniqueTenant());
        Member user = member(admin.tenant());
        Member stranger = member(uniqueTenant());

        assertThat(grant(user, "user", user.id(), "no-such-capability").status())
                .as("access is checked before the body").isEqualTo(403);
        for (String[] bad : new String[][] {{"user", user.id(), "root:everything"}, {"team", user.id(), "read:users"},
                {"role", "NOT A ROLE!", "read:users"}}) {
            Http.Response refused = grant(admin, bad[0], bad[1], bad[2]);
            assertThat(refused.status()).as(String.join(" ", bad)).isIn(400, 404);
            assertThat(refused.json().get("error").asString()).isNotBlank();
        }
        assertThat(send(admin, "POST", "/api/admin/grants", null).status()).isEqualTo(400);
        assertThat(grant(admin, "user", stranger.id(), "read:users").status()).isEqualTo(404);
        assertThat(grant(admin, "group", stranger.id(), "read:users").status()).isEqualTo(404);
        assertThat(send(admin, "GET", "/api/admin/grants/user/" + stranger.id(), null).status()).isEqualTo(404);
        assertThat(grants(admin.tenant())).isZero();
        assertThat(grants(stranger.tenant())).isZero();
    }
}
