package io.parley.mcp.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.test.Http;
import io.parley.mcp.McpIntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A user-managed server's name is its id in the tenant: whoever may not touch it is refused before
 * the body is read (404 unseen, 403 without the bit), a create under a taken name is 409, and nothing
 * is stored or granted for them.
 */
class ServerIdAccessIntegrationTest extends McpIntegrationTest {

    private static final String BOX = "{\"config\":{\"type\":\"streamable-http\",\"title\":\"Box\",\"url\":\"http://127.0.0.1:1/a\"}}";
    private static final List<String> BODIES = List.of("{", "[1]", "\"x\"", "{}", "{\"config\":{\"type\":\"stdio\",\"command\":\"sh\"}}",
            "{\"config\":{\"type\":\"streamable-http\",\"title\":\"Mine now\",\"url\":\"http://127.0.0.1:1/b\"}}");

    @Test
    void aStrangersPatchIsRefusedBeforeItsBodyIsRead() {
        Person alice = user();
        Person bob = user();
        JsonNode box = create(alice);

        for (String body : BODIES) {
            Http.Response refused = http.send("PATCH", "/api/mcp/servers/box", body, bob.auth());
            assertThat(refused.status()).as(body + " → " + refused.body()).isEqualTo(404);
            assertThat(refused.json().get("message").asString()).isEqualTo("MCP server 'box' not found in configuration");
        }
        assertUnchanged(alice, box);
    }

    @Test
    void aViewersPatchIsRefusedWith403BeforeItsBodyIsRead() {
        Person alice = user();
        Person viewer = user();
        JsonNode box = create(alice);
        AUTH.grant(tenant, box.get("dbId").asString(), viewer.id(), 1);

        for (String body : BODIES) {
            Http.Response refused = http.send("PATCH", "/api/mcp/servers/box", body, viewer.auth());
            assertThat(refused.status()).as(body + " → " + refused.body()).isEqualTo(403);
            assertThat(refused.json().get("message").asString()).isEqualTo("Insufficient permissions to access this MCP server");
        }
        assertUnchanged(alice, box);
    }

    @Test
    void anotherTenantsServerIsNotFoundWhateverTheBody() {
        Person alice = user();
        Person eve = new Person(alice.id(), "other-" + tenant, "USER");
        JsonNode box = create(alice);

        for (String body : BODIES) {
            assertThat(http.send("PATCH", "/api/mcp/servers/box", body, eve.auth()).status()).as(body).isEqualTo(404);
        }
        assertThat(http.send("DELETE", "/api/mcp/servers/box", null, eve.auth()).status()).isEqualTo(404);
        assertUnchanged(alice, box);
    }

    @Test
    void aCreateUnderAnotherPersonsServerNameIsRefusedAndStoresNothing() {
        Person alice = user();
        Person bob = user();
        JsonNode box = create(alice);

        Http.Response byTitle = post(bob, "/api/mcp/servers", BODIES.getLast().replace("Mine now", "Box"));
        Http.Response byName = post(bob, "/api/mcp/servers", "{\"serverName\":\"box\"," + BODIES.getLast().substring(1));

        assertThat(byTitle.status()).as(byTitle.body()).isEqualTo(409);
        assertThat(byName.status()).as(byName.body()).isEqualTo(409);
        assertThat(get(bob, "/api/mcp/servers").json().has("box")).isFalse();
        assertThat(AUTH.resourcesOf(tenant, bob.id())).isEmpty();
        assertUnchanged(alice, box);
    }

    @Test
    void aStrangersOrViewersDeleteIsRefusedAndTheServerStays() {
        Person alice = user();
        Person viewer = user();
        JsonNode box = create(alice);
        AUTH.grant(tenant, box.get("dbId").asString(), viewer.id(), 1);

        assertThat(http.send("DELETE", "/api/mcp/servers/box", null, user().auth()).status()).isEqualTo(404);
        assertThat(http.send("DELETE", "/api/mcp/servers/box", null, viewer.auth()).status()).isEqualTo(403);
        assertUnchanged(alice, box);
        Http.Response deleted = http.send("DELETE", "/api/mcp/servers/box", null, alice.auth());
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("success").asBoolean()).isTrue();
        assertThat(deleted.json().get("serverName").asString()).isEqualTo("box");
    }

    @Test
    void theOwnersMalformedPatchIsStillA400AboutTheBody() {
        Person alice = user();
        JsonNode box = create(alice);

        Http.Response malformed = http.send("PATCH", "/api/mcp/servers/box", "{", alice.auth());
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("error").asString()).isEqualTo("invalid_json");
        Http.Response invalid = http.send("PATCH", "/api/mcp/servers/box", "{}", alice.auth());
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("message").asString()).isEqualTo("Invalid configuration");
        assertUnchanged(alice, box);
    }

    private JsonNode create(Person owner) {
        Http.Response created = post(owner, "/api/mcp/servers", BOX);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("serverName").asString()).isEqualTo("box");
        return created.json();
    }

    private void assertUnchanged(Person owner, JsonNode before) {
        Http.Response now = get(owner, "/api/mcp/servers/box");
        assertThat(now.status()).isEqualTo(200);
        assertThat(now.json().get("dbId").asString()).isEqualTo(before.get("dbId").asString());
        assertThat(now.json().get("title").asString()).isEqualTo("Box");
        assertThat(now.json().get("url").asString()).isEqualTo("http://127.0.0.1:1/a");
    }
}
