package io.parley.mcp.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.events.AccountDataEraser;
import io.parley.common.test.Http;
import io.parley.mcp.McpIntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

class UserServersIntegrationTest extends McpIntegrationTest {

    private static final String SECRET = "Bearer user-secret-321";

    @Autowired
    List<AccountDataEraser> erasers;
    @Autowired
    MongoTemplate mongo;

    private String remote(String title) {
        return "{\"config\":{\"type\":\"streamable-http\",\"title\":\"" + title + "\",\"url\":\"" + EVERYTHING.streamableUrl()
                + "\",\"headers\":{\"Authorization\":\"" + SECRET + "\"}}}";
    }

    @Test
    void aPersonAddsARemoteServerUsesItsToolsAndNobodySeesItsHeaders() {
        assumeEverything();
        Person alice = user();
        Http.Response created = post(alice, "/api/mcp/servers", remote("My Tools"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("serverName").asString()).isEqualTo("my_tools");
        assertThat(created.json().get("source").asString()).isEqualTo("user");
        assertThat(created.json().get("dbId").asString()).hasSize(24);
        assertThat(created.body()).doesNotContain(SECRET);

        Http.Response call = post(alice, "/api/mcp/tools/call", "{\"server\":\"my_tools\",\"tool\":\"echo\",\"arguments\":{\"message\":\"mine\"}}");
        assertThat(call.status()).as(call.body()).isEqualTo(200);
        assertThat(get(alice, "/api/mcp/tools").json().get("servers").get("my_tools").get("tools").size()).isPositive();
        for (String path : new String[] {"/api/mcp/servers", "/api/mcp/servers/my_tools", "/api/mcp/tools"}) {
            assertThat(get(alice, path).body()).as(path).doesNotContain(SECRET);
        }
    }

    @Test
    void anotherPersonSeesItOnlyOnceSharedAndAnotherTenantNever() {
        assumeEverything();
        Person alice = user();
        Person bob = user();
        String id = post(alice, "/api/mcp/servers", remote("Shared Box")).json().get("dbId").asString();

        assertThat(get(bob, "/api/mcp/servers/shared_box").status()).isEqualTo(404);
        assertThat(post(bob, "/api/mcp/tools/call", "{\"server\":\"shared_box\",\"tool\":\"echo\",\"arguments\":{\"message\":\"x\"}}")
                .status()).isEqualTo(404);
        assertThat(get(new Person(alice.id(), "elsewhere", "USER"), "/api/mcp/servers/shared_box").status()).isEqualTo(404);

        AUTH.grant(tenant, id, bob.id(), 1);
        assertThat(get(bob, "/api/mcp/servers/shared_box").status()).isEqualTo(200);
        assertThat(post(bob, "/api/mcp/tools/call", "{\"server\":\"shared_box\",\"tool\":\"echo\",\"arguments\":{\"message\":\"x\"}}")
                .status()).isEqualTo(200);
        // a viewer may not change or delete it
        assertThat(http.send("PATCH", "/api/mcp/servers/shared_box", remote("Shared Box"), bob.auth()).status()).isEqualTo(403);
        assertThat(http.send("DELETE", "/api/mcp/servers/shared_box", null, bob.auth()).status()).isEqualTo(403);
    }

    @Test
    void stdioPrivateAddressesAndBadFieldsAreRefusedWithNothingStored() {
        Person alice = user();
        for (String body : new String[] {
                "{\"config\":{\"type\":\"stdio\",\"title\":\"x1\",\"command\":\"touch\",\"args\":[\"/tmp/parley-pwned\"]}}",
                "{\"config\":{\"title\":\"x2\",\"command\":\"sh\"}}",
                "{\"config\":{\"type\":\"streamable-http\",\"title\":\"x3\",\"url\":\"http://169.254.169.254/\"}}",
                "{\"config\":{\"type\":\"sse\",\"title\":\"x4\",\"url\":\"http://localhost:1/sse\"}}",
                "{\"config\":{\"type\":\"streamable-http\",\"title\":\"x5\",\"url\":\"file:///etc/passwd\"}}",
                "{\"config\":{\"type\":\"streamable-http\",\"title\":\"x6\",\"url\":\"http://127.0.0.1:1/\",\"headers\":{\"Host\":\"evil\"}}}",
                "{\"config\":{\"type\":\"streamable-http\",\"title\":\"x7\",\"url\":\"http://127.0.0.1:1/\",\"timeout\":\"soon\"}}",
                "{\"config\":{\"type\":\"streamable-http\",\"url\":\"http://127.0.0.1:1/\"}}",
                "{}"}) {
            Http.Response created = post(alice, "/api/mcp/servers", body);
            assertThat(created.status()).as(body + " → " + created.body()).isEqualTo(400);
            assertThat(created.json().get("message").asString()).isEqualTo("Invalid configuration");
        }
        assertThat(get(alice, "/api/mcp/servers").json().properties()).noneMatch(e -> e.getKey().startsWith("x"));
        assertThat(java.nio.file.Files.exists(java.nio.file.Path.of("/tmp/parley-pwned"))).isFalse();
    }

    @Test
    void namesAreUniqueAndTheOperatorsServersCannotBeChangedHere() {
        Person alice = user();
        String body = "{\"config\":{\"type\":\"streamable-http\",\"title\":\"Twin\",\"url\":\"http://127.0.0.1:1/mcp\"}}";
        assertThat(post(alice, "/api/mcp/servers", body).status()).isEqualTo(201);
        assertThat(post(user(), "/api/mcp/servers", body).status()).isEqualTo(409);
        assertThat(post(alice, "/api/mcp/servers", "{\"serverName\":\"down\",\"config\":{\"type\":\"sse\",\"url\":\"http://127.0.0.1:1/sse\"}}")
                .status()).isEqualTo(409);
        assertThat(http.send("DELETE", "/api/mcp/servers/down", null, alice.auth()).status()).isEqualTo(403);
    }

    @Test
    void aRoleWithoutCreateCannotAddServers() {
        Http.Response created = post(withRole("VIEWER"), "/api/mcp/servers",
                "{\"config\":{\"type\":\"streamable-http\",\"title\":\"Nope\",\"url\":\"http://127.0.0.1:1/mcp\"}}");
        assertThat(created.status()).isEqualTo(403);
    }

    @Test
    void theOwnerUpdatesAndDeletesAndTheAclGoesWithIt() {
        assumeEverything();
        Person alice = user();
        String id = post(alice, "/api/mcp/servers", remote("Mutable")).json().get("dbId").asString();
        Http.Response patched = http.send("PATCH", "/api/mcp/servers/mutable", "{\"config\":{\"type\":\"sse\",\"title\":\"Mutable\",\"url\":\""
                + EVERYTHING.sseUrl() + "\",\"description\":\"now over SSE\"}}", alice.auth());
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().get("type").asString()).isEqualTo("sse");
        assertThat(post(alice, "/api/mcp/tools/call", "{\"server\":\"mutable\",\"tool\":\"echo\",\"arguments\":{\"message\":\"x\"}}")
                .status()).isEqualTo(200);

        assertThat(http.send("DELETE", "/api/mcp/servers/mutable", null, alice.auth()).status()).isEqualTo(200);
        assertThat(get(alice, "/api/mcp/servers/mutable").status()).isEqualTo(404);
        assertThat(AUTH.hasEntries(tenant, id)).isFalse();
    }

    @Test
    void erasingAnAccountRemovesTheServersItAdded() {
        Person alice = user();
        Person bob = user();
        String id = post(alice, "/api/mcp/servers", "{\"config\":{\"type\":\"streamable-http\",\"title\":\"Gone Soon\",\"url\":\"http://127.0.0.1:1/mcp\"}}")
                .json().get("dbId").asString();
        AUTH.grant(tenant, id, bob.id(), 1);
        assertThat(get(bob, "/api/mcp/servers/gone_soon").status()).isEqualTo(200);

        erasers.forEach(e -> e.erase(tenant, alice.id()));
        erasers.forEach(e -> e.erase(tenant, alice.id()));

        assertThat(get(bob, "/api/mcp/servers/gone_soon").status()).isEqualTo(404);
        assertThat(get(bob, "/api/mcp/servers").json().has("gone_soon")).isFalse();
    }

    @Test
    void erasingAnAccountRemovesItsServersAndSavedVariablesButNotAnotherTenantsOrAnotherPersons() {
        assumeEverything();
        Person alice = user();
        Person sameIdElsewhere = new Person(alice.id(), "t" + alice.id().substring(16), "USER");
        Person bob = user();
        String installKey = "{\"pluginKey\":\"mcp_local\",\"action\":\"install\",\"auth\":{\"API_KEY\":\"key-%s\"}}";
        String mine = "{\"config\":{\"type\":\"streamable-http\",\"title\":\"%s\",\"url\":\"http://127.0.0.1:1/mcp\"}}";
        for (Person who : List.of(alice, sameIdElsewhere, bob)) {
            String title = who == bob ? "Bobs Box" : "Own Box";
            assertThat(post(who, "/api/mcp/servers", mine.formatted(title)).status()).isEqualTo(201);
            assertThat(post(who, "/api/user/plugins", installKey.formatted(who.tenant())).status()).isEqualTo(200);
            assertThat(savedVariables(who)).isEqualTo(1);
            assertThat(get(who, "/api/mcp/local/auth-values").json().at("/authValueFlags/API_KEY").asBoolean()).isTrue();
        }
        assertThat(get(alice, "/api/mcp/servers/own_box").status()).isEqualTo(200);

        erasers.forEach(e -> e.erase(tenant, alice.id()));

        assertThat(get(alice, "/api/mcp/servers/own_box").status()).isEqualTo(404);
        assertThat(storedServers(alice)).isZero();
        assertThat(savedVariables(alice)).isZero();
        assertThat(get(alice, "/api/mcp/local/auth-values").json().at("/authValueFlags/API_KEY").asBoolean()).isFalse();

        assertThat(get(sameIdElsewhere, "/api/mcp/servers/own_box").status()).as("the same id in another tenant").isEqualTo(200);
        assertThat(storedServers(sameIdElsewhere)).isEqualTo(1);
        assertThat(savedVariables(sameIdElsewhere)).isEqualTo(1);
        assertThat(get(sameIdElsewhere, "/api/mcp/local/auth-values").json().at("/authValueFlags/API_KEY").asBoolean()).isTrue();
        assertThat(get(bob, "/api/mcp/servers/bobs_box").status()).as("another person of the tenant").isEqualTo(200);
        assertThat(storedServers(bob)).isEqualTo(1);
        assertThat(savedVariables(bob)).isEqualTo(1);
        assertThat(get(bob, "/api/mcp/local/auth-values").json().at("/authValueFlags/API_KEY").asBoolean()).isTrue();
    }

    private long storedServers(Person who) {
        return mongo.count(Query.query(Criteria.where("tenantId").is(who.tenant()).and("author").is(who.id())),
                UserServerStore.COLLECTION);
    }

    private long savedVariables(Person who) {
        return mongo.count(Query.query(Criteria.where("tenantId").is(who.tenant()).and("userId").is(who.id())),
                "mcp_user_vars");
    }

    @Test
    void listsShowEachServersSource() {
        Person alice = user();
        post(alice, "/api/mcp/servers", "{\"config\":{\"type\":\"streamable-http\",\"title\":\"Listed\",\"url\":\"http://127.0.0.1:1/mcp\"}}");
        JsonNode servers = get(alice, "/api/mcp/servers").json();
        assertThat(servers.get("listed").get("source").asString()).isEqualTo("user");
        assertThat(servers.get("down").get("source").asString()).isEqualTo("config");
        assertThat(servers.get("down").has("dbId")).isFalse();
    }
}
