package io.parley.mcp.tool;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.test.Http;
import io.parley.mcp.McpIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ToolsIntegrationTest extends McpIntegrationTest {

    @Test
    void listsEachServersToolsInLibreChatsShapeAndTheSeedsFlatList() {
        assumeEverything();
        Http.Response tools = get(user(), "/api/mcp/tools");

        assertThat(tools.status()).as(tools.body()).isEqualTo(200);
        JsonNode everything = tools.json().get("servers").get("everything");
        assertThat(everything.get("name").asString()).isEqualTo("everything");
        assertThat(everything.get("icon").asString()).isEqualTo("/assets/everything.svg");
        assertThat(everything.get("authenticated").asBoolean()).isTrue();
        assertThat(names(everything.get("tools"), "pluginKey")).contains("echo_mcp_everything", "get-sum_mcp_everything");
        assertThat(names(tools.json().get("servers").get("local").get("tools"), "pluginKey")).contains("echo_mcp_local");
        assertThat(tools.json().get("servers").get("local").get("authConfig").get(0).get("authField").asString())
                .isEqualTo("API_KEY");
        assertThat(names(tools.json().get("servers").get("everything-sse").get("tools"), "name")).contains("echo");
        // servers that cannot be reached are listed without tools instead of failing the list
        assertThat(tools.json().get("servers").get("down").get("tools").size()).isZero();
        assertThat(tools.json().get("servers").get("silent").get("tools").size()).isZero();
        JsonNode echo = first(tools.json().get("tools"), "echo_mcp_everything");
        assertThat(echo.get("server").asString()).isEqualTo("everything");
        assertThat(echo.get("inputSchema").get("properties").has("message")).isTrue();
    }

    @Test
    void callsAToolOverEachTransport() {
        assumeEverything();
        Person alice = user();
        for (String server : new String[] {"everything", "everything-sse", "local"}) {
            Http.Response call = post(alice, "/api/mcp/tools/call",
                    "{\"server\":\"" + server + "\",\"tool\":\"echo\",\"arguments\":{\"message\":\"hi there\"}}");
            assertThat(call.status()).as(server + ": " + call.body()).isEqualTo(200);
            assertThat(call.json().get("isError").asBoolean()).isFalse();
            assertThat(call.json().get("content").get(0).get("type").asString()).isEqualTo("text");
            assertThat(call.json().get("content").get(0).get("text").asString()).contains("hi there");
        }
    }

    @Test
    void imagesAndResourceLinksComeBackAsMcpContent() {
        assumeEverything();
        Person alice = user();
        JsonNode image = post(alice, "/api/mcp/tools/call", "{\"server\":\"everything\",\"tool\":\"get-tiny-image\"}").json();
        JsonNode imageItem = byType(image.get("content"), "image");
        assertThat(imageItem.get("mimeType").asString()).isEqualTo("image/png");
        assertThat(imageItem.get("data").asString()).isNotBlank();

        Http.Response links = post(alice, "/api/mcp/tools/call",
                "{\"server\":\"everything\",\"tool\":\"get-resource-links\",\"arguments\":{\"count\":2}}");
        assertThat(links.status()).as(links.body()).isEqualTo(200);
        JsonNode link = byType(links.json().get("content"), "resource_link");
        assertThat(link.get("uri").asString()).isNotBlank();
        assertThat(link.get("name").asString()).isNotBlank();
    }

    @Test
    void argumentsAreCheckedAgainstTheToolsSchemaBeforeTheCall() {
        assumeEverything();
        Person alice = user();
        Http.Response missing = post(alice, "/api/mcp/tools/call", "{\"server\":\"everything\",\"tool\":\"get-sum\",\"arguments\":{\"a\":1}}");
        assertThat(missing.status()).as(missing.body()).isEqualTo(400);
        assertThat(missing.json().get("error").asString()).isEqualTo("invalid_arguments");

        Http.Response wrongType = post(alice, "/api/mcp/tools/call",
                "{\"server\":\"everything\",\"tool\":\"get-sum\",\"arguments\":{\"a\":\"one\",\"b\":2}}");
        assertThat(wrongType.status()).isEqualTo(400);

        Http.Response sum = post(alice, "/api/mcp/tools/call", "{\"server\":\"everything\",\"tool\":\"get-sum\",\"arguments\":{\"a\":2,\"b\":3}}");
        assertThat(sum.status()).isEqualTo(200);
        assertThat(sum.json().get("content").get(0).get("text").asString()).contains("5");
    }

    @Test
    void unknownServersAndToolsAre404AndAMissingNameIs400() {
        Person alice = user();
        Http.Response server = post(alice, "/api/mcp/tools/call", "{\"server\":\"nope\",\"tool\":\"echo\"}");
        assertThat(server.status()).isEqualTo(404);
        assertThat(server.json().get("error").asString()).isEqualTo("MCP server 'nope' not found in configuration");
        assertThat(post(alice, "/api/mcp/tools/call", "{\"tool\":\"echo\"}").status()).isEqualTo(400);
        assertThat(post(alice, "/api/mcp/tools/call", "{}").status()).isEqualTo(400);
        assumeEverything();
        assertThat(post(alice, "/api/mcp/tools/call", "{\"server\":\"everything\",\"tool\":\"rm-rf\"}").status()).isEqualTo(404);
    }

    @Test
    void aToolThatRunsLongerThanTheTimeoutIsA504AndProgressIsReported() {
        assumeEverything();
        Person alice = user();
        Http.Response slow = post(alice, "/api/mcp/tools/call", "{\"server\":\"everything\",\"tool\":\"trigger-long-running-operation\","
                + "\"arguments\":{\"duration\":10,\"steps\":2},\"timeoutMs\":500}");
        assertThat(slow.status()).as(slow.body()).isEqualTo(504);
        assertThat(slow.json().get("error").asString()).isEqualTo("mcp_timeout");

        Http.Response quick = post(alice, "/api/mcp/tools/call", "{\"server\":\"everything\",\"tool\":\"trigger-long-running-operation\","
                + "\"arguments\":{\"duration\":1,\"steps\":2}}");
        assertThat(quick.status()).as(quick.body()).isEqualTo(200);
        // The SDK hands notifications to their listener on another thread than the result, so the
        // last one may land after the answer is built: at least one, each of the announced total.
        assertThat(quick.json().get("progress").size()).isBetween(1, 2);
        assertThat(quick.json().get("progress").get(0).get("total").asDouble()).isEqualTo(2.0);
    }

    @Test
    void aStdioServersEnvIsResolvedPerPerson() {
        assumeEverything();
        Person alice = user();
        Person bob = user();
        String aliceEnv = post(alice, "/api/mcp/tools/call", "{\"server\":\"local\",\"tool\":\"get-env\"}").body();
        String bobEnv = post(bob, "/api/mcp/tools/call", "{\"server\":\"local\",\"tool\":\"get-env\"}").body();
        assertThat(aliceEnv).contains(alice.id()).doesNotContain(bob.id());
        assertThat(bobEnv).contains(bob.id()).doesNotContain(alice.id());
    }

    @Test
    void noRouteShowsASecretFromTheConfiguration() {
        assumeEverything();
        Person alice = user();
        post(alice, "/api/mcp/tools/call", "{\"server\":\"everything\",\"tool\":\"echo\",\"arguments\":{\"message\":\"x\"}}");
        for (String path : new String[] {"/api/mcp/servers", "/api/mcp/servers/everything", "/api/mcp/servers/local",
                "/api/mcp/tools", "/api/mcp/connection/status", "/api/mcp/connection/status/everything",
                "/api/mcp/local/auth-values"}) {
            Http.Response response = get(alice, path);
            assertThat(response.status()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).doesNotContain(HEADER_SECRET, QUERY_SECRET, ENV_SECRET);
        }
        JsonNode everything = get(alice, "/api/mcp/servers/everything").json();
        assertThat(everything.get("url").asString()).isEqualTo(EVERYTHING.streamableUrl());
        assertThat(everything.has("headers")).isFalse();
    }

    private static List<String> names(JsonNode tools, String field) {
        List<String> out = new ArrayList<>();
        tools.forEach(t -> out.add(t.get(field).asString()));
        return out;
    }

    private static JsonNode first(JsonNode tools, String pluginKey) {
        for (JsonNode tool : tools) {
            if (tool.get("pluginKey").asString().equals(pluginKey)) {
                return tool;
            }
        }
        throw new AssertionError("no " + pluginKey);
    }

    private static JsonNode byType(JsonNode content, String type) {
        for (JsonNode item : content) {
            if (item.get("type").asString().equals(type)) {
                return item;
            }
        }
        throw new AssertionError("no " + type + " in " + content);
    }
}
