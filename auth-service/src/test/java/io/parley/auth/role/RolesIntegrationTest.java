package io.parley.auth.role;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.auth.AuthIntegrationTest;
import io.parley.auth.user.Users;
import io.parley.common.test.Http;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

/** LibreChat's {@code /api/roles} over real HTTP; the first person of each tenant is its ADMIN. */
class RolesIntegrationTest extends AuthIntegrationTest {

    /** LibreChat's {@code roleDefaults} for USER (without the v0.8.7-only types). */
    static final String USER_DEFAULTS = """
            {"PROMPTS":{"USE":true,"CREATE":true,"SHARE":false,"SHARE_PUBLIC":false},
             "BOOKMARKS":{"USE":true},
             "MEMORIES":{"USE":true,"CREATE":true,"UPDATE":true,"READ":true,"OPT_OUT":true},
             "AGENTS":{"USE":true,"CREATE":true,"SHARE":false,"SHARE_PUBLIC":false},
             "MULTI_CONVO":{"USE":true},
             "TEMPORARY_CHAT":{"USE":true},
             "RUN_CODE":{"USE":true},
             "WEB_SEARCH":{"USE":true},
             "PEOPLE_PICKER":{"VIEW_USERS":false,"VIEW_GROUPS":false,"VIEW_ROLES":false},
             "MARKETPLACE":{"USE":false},
             "FILE_SEARCH":{"USE":true},
             "FILE_CITATIONS":{"USE":true},
             "MCP_SERVERS":{"USE":true,"CREATE":false,"SHARE":false,"SHARE_PUBLIC":false,"CONFIGURE_OBO":false},
             "SHARED_LINKS":{"CREATE":true,"SHARE":true,"SHARE_PUBLIC":true}}""";

    /** LibreChat's {@code roleDefaults} for ADMIN: everything but the marketplace. */
    static final String ADMIN_DEFAULTS = """
            {"PROMPTS":{"USE":true,"CREATE":true,"SHARE":true,"SHARE_PUBLIC":true},
             "BOOKMARKS":{"USE":true},
             "MEMORIES":{"USE":true,"CREATE":true,"UPDATE":true,"READ":true,"OPT_OUT":true},
             "AGENTS":{"USE":true,"CREATE":true,"SHARE":true,"SHARE_PUBLIC":true},
             "MULTI_CONVO":{"USE":true},
             "TEMPORARY_CHAT":{"USE":true},
             "RUN_CODE":{"USE":true},
             "WEB_SEARCH":{"USE":true},
             "PEOPLE_PICKER":{"VIEW_USERS":true,"VIEW_GROUPS":true,"VIEW_ROLES":true},
             "MARKETPLACE":{"USE":false},
             "FILE_SEARCH":{"USE":true},
             "FILE_CITATIONS":{"USE":true},
             "MCP_SERVERS":{"USE":true,"CREATE":true,"SHARE":true,"SHARE_PUBLIC":true,"CONFIGURE_OBO":true},
             "SHARED_LINKS":{"CREATE":true,"SHARE":true,"SHARE_PUBLIC":true}}""";

    @Autowired
    Users users;
    @Autowired
    MongoTemplate mongo;

    record Person(String tenant, String id, String email, String token) {
    }

    private Person person(String tenant) {
        String email = uniqueEmail();
        register(email, "X-Parley-Tenant", tenant);
        JsonNode session = login(email, PASSWORD, "X-Parley-Tenant", tenant).json();
        return new Person(tenant, session.at("/user/id").asString(), email, session.get("token").asString());
    }

    private Http.Response get(Person caller, String path) {
        return http.get(path, "Authorization", "Bearer " + caller.token());
    }

    private Http.Response put(Person caller, String path, String body) {
        return http.send("PUT", path, body, "Authorization", "Bearer " + caller.token());
    }

    private Http.Response assign(Person caller, String userId, String role) {
        return http.post("/api/roles", """
                {"userId":"%s","role":"%s"}""".formatted(userId, role), "Authorization", "Bearer " + caller.token());
    }

    @Test
    void theSystemRolesStartWithLibreChatsDefaults() {
        Person admin = person(uniqueTenant());

        Http.Response user = get(admin, "/api/roles/USER");
        Http.Response adminRole = get(admin, "/api/roles/ADMIN");

        assertThat(user.status()).isEqualTo(200);
        assertThat(user.json().get("name").asString()).isEqualTo("USER");
        assertThat(user.json().get("permissions")).isEqualTo(Http.parse(USER_DEFAULTS));
        assertThat(adminRole.status()).isEqualTo(200);
        assertThat(adminRole.json().get("name").asString()).isEqualTo("ADMIN");
        assertThat(adminRole.json().get("permissions")).isEqualTo(Http.parse(ADMIN_DEFAULTS));
    }

    @Test
    void aUserReadsTheUserRoleButNotTheAdminRole() {
        String tenant = uniqueTenant();
        person(tenant);
        Person member = person(tenant);

        Http.Response own = get(member, "/api/roles/USER");
        Http.Response admin = get(member, "/api/roles/ADMIN");

        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().get("permissions")).isEqualTo(Http.parse(USER_DEFAULTS));
        assertThat(admin.status()).isEqualTo(403);
        assertThat(admin.json().get("message").asString()).isEqualTo("Unauthorized");
    }

    @Test
    void aUserCannotListRoles() {
        String tenant = uniqueTenant();
        person(tenant);
        Person member = person(tenant);

        Http.Response list = get(member, "/api/roles");

        assertThat(list.status()).isEqualTo(403);
        assertThat(list.json().get("error").asString()).isEqualTo("forbidden");
    }

    @Test
    void anAdminListsTheTenantsRoles() {
        Person admin = person(uniqueTenant());

        Http.Response list = get(admin, "/api/roles");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().size()).isEqualTo(2);
        assertThat(list.json().get(0).get("name").asString()).isEqualTo("ADMIN");
        assertThat(list.json().get(1).get("name").asString()).isEqualTo("USER");
        assertThat(list.json().get(1).get("permissions")).isEqualTo(Http.parse(USER_DEFAULTS));
    }

    @Test
    void anUnknownRoleIsNotFound() {
        Person admin = person(uniqueTenant());

        Http.Response missing = get(admin, "/api/roles/EDITOR");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("message").asString()).isEqualTo("Role not found");
    }

    @Test
    void aUserAskingForAnotherRoleIsRefusedWhetherOrNotItExists() {
        String tenant = uniqueTenant();
        person(tenant);
        Person member = person(tenant);

        assertThat(get(member, "/api/roles/EDITOR").status()).isEqualTo(403);
    }

    @Test
    void anAdminsChangePersistsAndLeavesTheOtherPermissionsAlone() {
        Person admin = person(uniqueTenant());

        Http.Response updated = put(admin, "/api/roles/USER/prompts", """
                {"SHARE":true,"CREATE":false}""");

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("name").asString()).isEqualTo("USER");
        JsonNode prompts = get(admin, "/api/roles/USER").json().at("/permissions/PROMPTS");
        assertThat(prompts).isEqualTo(Http.parse("""
                {"USE":true,"CREATE":false,"SHARE":true,"SHARE_PUBLIC":false}"""));
        assertThat(updated.json().at("/permissions/PROMPTS")).isEqualTo(prompts);
        assertThat(get(admin, "/api/roles/USER").json().at("/permissions/AGENTS"))
                .isEqualTo(Http.parse(USER_DEFAULTS).get("AGENTS"));
    }

    @Test
    void everyFeatureRouteChangesItsOwnPermissionType() {
        Person admin = person(uniqueTenant());

        assertThat(put(admin, "/api/roles/USER/agents", "{\"SHARE\":true}").status()).isEqualTo(200);
        assertThat(put(admin, "/api/roles/USER/memories", "{\"OPT_OUT\":false}").status()).isEqualTo(200);
        assertThat(put(admin, "/api/roles/USER/people-picker", "{\"VIEW_USERS\":true}").status()).isEqualTo(200);
        assertThat(put(admin, "/api/roles/USER/mcp-servers", "{\"CREATE\":true}").status()).isEqualTo(200);
        assertThat(put(admin, "/api/roles/USER/marketplace", "{\"USE\":true}").status()).isEqualTo(200);

        JsonNode permissions = get(admin, "/api/roles/USER").json().get("permissions");
        assertThat(permissions.at("/AGENTS/SHARE").asBoolean()).isTrue();
        assertThat(permissions.at("/MEMORIES/OPT_OUT").asBoolean()).isFalse();
        assertThat(permissions.at("/PEOPLE_PICKER/VIEW_USERS").asBoolean()).isTrue();
        assertThat(permissions.at("/MCP_SERVERS/CREATE").asBoolean()).isTrue();
        assertThat(permissions.at("/MARKETPLACE/USE").asBoolean()).isTrue();
        assertThat(permissions.get("PROMPTS")).isEqualTo(Http.parse(USER_DEFAULTS).get("PROMPTS"));
    }

    @Test
    void aChangeIsOnlyForTheAdminsTenant() {
        Person admin = person(uniqueTenant());
        Person otherAdmin = person(uniqueTenant());

        Http.Response changed = put(admin, "/api/roles/USER/prompts", "{\"USE\":false}");

        assertThat(changed.status()).isEqualTo(200);
        assertThat(get(admin, "/api/roles/USER").json().at("/permissions/PROMPTS/USE").asBoolean()).isFalse();
        assertThat(get(otherAdmin, "/api/roles/USER").json().get("permissions")).isEqualTo(Http.parse(USER_DEFAULTS));
    }

    @Test
    void anUnknownPermissionOrANonBooleanChangesNothing() {
        Person admin = person(uniqueTenant());

        Http.Response unknown = put(admin, "/api/roles/USER/prompts", """
                {"USE":false,"DELETE":true}""");
        Http.Response notBoolean = put(admin, "/api/roles/USER/prompts", """
                {"USE":false,"SHARE":"yes"}""");
        Http.Response otherTypesPermission = put(admin, "/api/roles/USER/marketplace", """
                {"VIEW_USERS":true}""");
        Http.Response notAnObject = put(admin, "/api/roles/USER/prompts", "[true]");

        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("message").asString()).isEqualTo("Invalid PROMPTS permissions.");
        assertThat(notBoolean.status()).isEqualTo(400);
        assertThat(otherTypesPermission.status()).isEqualTo(400);
        assertThat(notAnObject.status()).isEqualTo(400);
        assertThat(get(admin, "/api/roles/USER").json().get("permissions")).isEqualTo(Http.parse(USER_DEFAULTS));
    }

    @Test
    void anUnknownFeatureOrRoleIsNotFound() {
        Person admin = person(uniqueTenant());

        assertThat(put(admin, "/api/roles/USER/bookmarks", "{\"USE\":false}").status()).isEqualTo(404);
        assertThat(put(admin, "/api/roles/EDITOR/prompts", "{\"USE\":false}").status()).isEqualTo(404);
    }

    @Test
    void aUserCannotChangeRolesAndNothingChanges() {
        String tenant = uniqueTenant();
        Person admin = person(tenant);
        Person member = person(tenant);

        Http.Response refused = put(member, "/api/roles/USER/prompts", "{\"SHARE\":true}");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(get(admin, "/api/roles/USER").json().get("permissions")).isEqualTo(Http.parse(USER_DEFAULTS));
    }

    @Test
    void anAdminAssignsARoleThatTheNextTokenCarries() {
        String tenant = uniqueTenant();
        Person admin = person(tenant);
        Person member = person(tenant);
        assertThat(get(member, "/api/roles/ADMIN").status()).isEqualTo(403);

        Http.Response assigned = assign(admin, member.id(), "ADMIN");

        assertThat(assigned.status()).isEqualTo(200);
        assertThat(assigned.json().get("role").asString()).isEqualTo("ADMIN");
        assertThat(users.byId(tenant, member.id()).orElseThrow().role()).isEqualTo("ADMIN");
        JsonNode again = login(member.email(), PASSWORD, "X-Parley-Tenant", tenant).json();
        assertThat(again.at("/user/role").asString()).isEqualTo("ADMIN");
        Person promoted = new Person(tenant, member.id(), member.email(), again.get("token").asString());
        assertThat(get(promoted, "/api/roles/ADMIN").status()).isEqualTo(200);
    }

    @Test
    void anAssignedRoleArrivesWithTheNextRefreshWhileTheOldTokenKeepsTheOldRole() {
        String tenant = uniqueTenant();
        Person admin = person(tenant);
        String email = uniqueEmail();
        register(email, "X-Parley-Tenant", tenant);
        Http.Response session = login(email, PASSWORD, "X-Parley-Tenant", tenant);
        Person member = new Person(tenant, session.json().at("/user/id").asString(), email,
                session.json().get("token").asString());

        assertThat(assign(admin, member.id(), "ADMIN").status()).isEqualTo(200);

        assertThat(get(member, "/api/roles/ADMIN").status()).isEqualTo(403);
        Http.Response refreshed = http.post("/api/auth/refresh", null, "Cookie",
                "refreshToken=" + session.cookie("refreshToken"));
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.json().at("/user/role").asString()).isEqualTo("ADMIN");
        Person promoted = new Person(tenant, member.id(), email, refreshed.json().get("token").asString());
        assertThat(get(promoted, "/api/roles/ADMIN").status()).isEqualTo(200);
        assertThat(get(promoted, "/api/roles").status()).isEqualTo(200);
    }

    @Test
    void theLastAdminCannotStepDownButOneOfTwoAdminsCan() {
        String tenant = uniqueTenant();
        Person admin = person(tenant);
        Person member = person(tenant);

        Http.Response refused = assign(admin, admin.id(), "USER");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(users.byId(tenant, admin.id()).orElseThrow().role()).isEqualTo("ADMIN");

        assertThat(assign(admin, member.id(), "ADMIN").status()).isEqualTo(200);
        assertThat(assign(admin, admin.id(), "USER").status()).isEqualTo(200);
        assertThat(users.byId(tenant, admin.id()).orElseThrow().role()).isEqualTo("USER");
    }

    @Test
    void aUserCannotAssignRoles() {
        String tenant = uniqueTenant();
        person(tenant);
        Person member = person(tenant);

        Http.Response refused = assign(member, member.id(), "ADMIN");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(users.byId(tenant, member.id()).orElseThrow().role()).isEqualTo("USER");
    }

    @Test
    void assigningToAPersonOfAnotherTenantFindsNoOne() {
        Person admin = person(uniqueTenant());
        String otherTenant = uniqueTenant();
        person(otherTenant);
        Person stranger = person(otherTenant);

        Http.Response missing = assign(admin, stranger.id(), "ADMIN");
        Http.Response unknown = assign(admin, "000000000000000000000000", "ADMIN");
        Http.Response notAnId = assign(admin, "nobody", "ADMIN");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(notAnId.status()).isEqualTo(404);
        assertThat(users.byId(otherTenant, stranger.id()).orElseThrow().role()).isEqualTo("USER");
    }

    @Test
    void assigningAnUnknownRoleIsRefused() {
        String tenant = uniqueTenant();
        Person admin = person(tenant);
        Person member = person(tenant);

        Http.Response refused = assign(admin, member.id(), "EDITOR");
        Http.Response incomplete = http.post("/api/roles", "{\"userId\":\"%s\"}".formatted(member.id()),
                "Authorization", "Bearer " + admin.token());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(incomplete.status()).isEqualTo(400);
        assertThat(users.byId(tenant, member.id()).orElseThrow().role()).isEqualTo("USER");
    }

    @Test
    void concurrentFirstReadsCreateEachSystemRoleOnce() throws Exception {
        Person admin = person(uniqueTenant());

        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Integer>> statuses = IntStream.range(0, 16)
                    .mapToObj(i -> pool.submit(() -> get(admin, i % 2 == 0 ? "/api/roles/USER" : "/api/roles").status()))
                    .toList();
            for (Future<Integer> status : statuses) {
                assertThat(status.get()).isEqualTo(200);
            }
        }

        assertThat(mongo.count(Query.query(Criteria.where("tenantId").is(admin.tenant())), "roles")).isEqualTo(2);
    }

    @Test
    void rolesNeedAnAccessToken() {
        assertThat(http.get("/api/roles/USER").status()).isEqualTo(401);
    }
}
