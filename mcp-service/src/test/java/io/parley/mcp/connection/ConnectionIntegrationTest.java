package io.parley.mcp.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.common.events.AccountDataEraser;
import io.parley.common.test.Http;
import io.parley.mcp.McpIntegrationTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class ConnectionIntegrationTest extends McpIntegrationTest {

    @Autowired
    Connections connections;
    @Autowired
    List<AccountDataEraser> erasers;

    @Test
    void statusFollowsTheConnectionAndReinitializeConnectsAgain() {
        assumeEverything();
        Person alice = user();
        post(alice, "/api/mcp/tools/call", "{\"server\":\"everything\",\"tool\":\"echo\",\"arguments\":{\"message\":\"x\"}}");

        JsonNode status = get(alice, "/api/mcp/connection/status").json();
        assertThat(status.get("success").asBoolean()).isTrue();
        assertThat(status.get("oauthTimeout").asLong()).isPositive();
        assertThat(status.get("connectionStatus").get("everything").get("connectionState").asString()).isEqualTo("connected");
        assertThat(status.get("connectionStatus").get("everything").get("requiresOAuth").asBoolean()).isFalse();

        Http.Response reinit = post(alice, "/api/mcp/everything/reinitialize", "");
        assertThat(reinit.status()).as(reinit.body()).isEqualTo(200);
        assertThat(reinit.json().get("success").asBoolean()).isTrue();
        assertThat(reinit.json().get("serverName").asString()).isEqualTo("everything");
        JsonNode one = get(alice, "/api/mcp/connection/status/everything").json();
        assertThat(one.get("connectionStatus").asString()).isEqualTo("connected");
        assertThat(one.get("serverName").asString()).isEqualTo("everything");
    }

    @Test
    void aServerThatCannotBeReachedShowsErrorAndReinitializeSaysSo() {
        Person alice = user();
        Http.Response reinit = post(alice, "/api/mcp/down/reinitialize", "");
        assertThat(reinit.status()).as(reinit.body()).isEqualTo(502);
        JsonNode down = get(alice, "/api/mcp/connection/status").json().get("connectionStatus").get("down");
        assertThat(down.get("connectionState").asString()).isEqualTo("error");
        assertThat(down.get("error").asString()).contains("refused");

        Http.Response silent = post(alice, "/api/mcp/silent/reinitialize", "");
        assertThat(silent.status()).as(silent.body()).isEqualTo(504);
    }

    @Test
    void unknownServersAre404WithLibreChatsMessage() {
        Http.Response status = get(user(), "/api/mcp/connection/status/ghost");
        assertThat(status.status()).isEqualTo(404);
        assertThat(status.json().get("error").asString()).isEqualTo("MCP server 'ghost' not found in configuration");
        assertThat(post(user(), "/api/mcp/ghost/reinitialize", "").status()).isEqualTo(404);
        assertThat(get(user(), "/api/mcp/ghost/auth-values").status()).isEqualTo(404);
        assertThat(get(user(), "/api/mcp/servers/ghost").status()).isEqualTo(404);
    }

    @Test
    void authValuesNameTheVariablesButNeverTheirValues() {
        assumeEverything();
        JsonNode values = get(user(), "/api/mcp/local/auth-values").json();
        assertThat(values.get("serverName").asString()).isEqualTo("local");
        assertThat(values.get("authValueFlags").get("API_KEY").asBoolean()).isFalse();
    }

    @Test
    void aPersonsOwnVariableValueReachesOnlyTheirServerProcessAndIsNeverShown() {
        assumeEverything();
        Person alice = user();
        Person bob = user();
        String install = "{\"pluginKey\":\"mcp_local\",\"action\":\"install\",\"auth\":{\"API_KEY\":\"alice-key-4711\"}}";

        assertThat(post(alice, "/api/user/plugins", install).status()).isEqualTo(200);

        assertThat(get(alice, "/api/mcp/local/auth-values").json().at("/authValueFlags/API_KEY").asBoolean()).isTrue();
        assertThat(get(bob, "/api/mcp/local/auth-values").json().at("/authValueFlags/API_KEY").asBoolean()).isFalse();
        String env = "{\"server\":\"local\",\"tool\":\"get-env\"}";
        assertThat(post(alice, "/api/mcp/tools/call", env).body()).contains("alice-key-4711");
        assertThat(post(bob, "/api/mcp/tools/call", env).body()).doesNotContain("alice-key-4711");
        for (String path : new String[] {"/api/mcp/local/auth-values", "/api/mcp/servers/local", "/api/mcp/tools"}) {
            assertThat(get(alice, path).body()).as(path).doesNotContain("alice-key-4711");
        }

        assertThat(post(alice, "/api/user/plugins", "{\"pluginKey\":\"mcp_local\",\"action\":\"uninstall\"}").status())
                .isEqualTo(200);
        assertThat(get(alice, "/api/mcp/local/auth-values").json().at("/authValueFlags/API_KEY").asBoolean()).isFalse();
        assertThat(post(alice, "/api/mcp/tools/call", env).body()).doesNotContain("alice-key-4711");
    }

    @Test
    void variablesTheServerDoesNotDeclareAndOtherPluginsAreRefused() {
        assumeEverything();
        Person alice = user();
        assertThat(post(alice, "/api/user/plugins",
                "{\"pluginKey\":\"mcp_local\",\"action\":\"install\",\"auth\":{\"PATH\":\"/tmp\"}}").status()).isEqualTo(400);
        assertThat(post(alice, "/api/user/plugins",
                "{\"pluginKey\":\"dalle\",\"action\":\"install\",\"auth\":{}}").status()).isEqualTo(400);
        assertThat(post(alice, "/api/user/plugins",
                "{\"pluginKey\":\"mcp_local\",\"action\":\"explode\"}").status()).isEqualTo(400);
        assertThat(post(alice, "/api/user/plugins",
                "{\"pluginKey\":\"mcp_ghost\",\"action\":\"install\",\"auth\":{}}").status()).isEqualTo(404);
        assertThat(get(alice, "/api/mcp/local/auth-values").json().at("/authValueFlags/API_KEY").asBoolean()).isFalse();
    }

    @Test
    void oneSharedConnectionServesEveryoneButPerPersonServersGetTheirOwn() {
        assumeEverything();
        Person alice = user();
        Person bob = user();
        post(alice, "/api/mcp/tools/call", "{\"server\":\"everything\",\"tool\":\"echo\",\"arguments\":{\"message\":\"x\"}}");
        long shared = connections.openCount();
        post(bob, "/api/mcp/tools/call", "{\"server\":\"everything\",\"tool\":\"echo\",\"arguments\":{\"message\":\"x\"}}");
        assertThat(connections.openCount()).isEqualTo(shared);

        post(alice, "/api/mcp/tools/call", "{\"server\":\"local\",\"tool\":\"echo\",\"arguments\":{\"message\":\"x\"}}");
        post(bob, "/api/mcp/tools/call", "{\"server\":\"local\",\"tool\":\"echo\",\"arguments\":{\"message\":\"x\"}}");
        assertThat(connections.openCount()).isEqualTo(shared + 2);
    }

    @Test
    void erasingAnAccountClosesThePersonsOwnConnectionsButNotTheSharedOneOrAnotherPersons() {
        assumeEverything();
        Person alice = user();
        Person bob = user();
        String echo = "{\"server\":\"%s\",\"tool\":\"echo\",\"arguments\":{\"message\":\"x\"}}";
        assertThat(post(alice, "/api/mcp/tools/call", echo.formatted("local")).status()).isEqualTo(200);
        assertThat(post(alice, "/api/mcp/tools/call", echo.formatted("everything")).status()).isEqualTo(200);
        assertThat(post(bob, "/api/mcp/tools/call", echo.formatted("local")).status()).isEqualTo(200);
        assertThat(state(alice, "local")).isEqualTo("connected");
        assertThat(state(alice, "everything")).isEqualTo("connected");
        assertThat(state(bob, "local")).isEqualTo("connected");

        erasers.forEach(e -> e.erase(alice.tenant(), alice.id()));
        erasers.forEach(e -> e.erase(alice.tenant(), alice.id())); // idempotent

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(state(alice, "local")).isEqualTo("disconnected"));
        assertThat(state(alice, "everything")).as("the shared connection serves everyone else").isEqualTo("connected");
        assertThat(state(bob, "everything")).isEqualTo("connected");
        assertThat(state(bob, "local")).as("another person's own connection").isEqualTo("connected");
    }

    /** The connection state of {@code server} as {@code who} sees it on the status route. */
    private String state(Person who, String server) {
        return get(who, "/api/mcp/connection/status").json().get("connectionStatus").get(server).get("connectionState").asString();
    }
}
