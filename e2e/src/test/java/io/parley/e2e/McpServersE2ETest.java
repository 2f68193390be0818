package io.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.test.Http;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * MCP servers across services, through the gateway: mcp-service stores a user-managed server, auth-service
 * decides who may add one (MCP_SERVERS.CREATE: ADMIN yes, USER not by default) and who sees it (the
 * {@code mcpServer} ACL that LibreChat's share dialog writes through {@code /api/permissions}).
 */
class McpServersE2ETest extends E2ETest {

    private final String tenant = "mcp-" + UUID.randomUUID().toString().substring(0, 8);

    private Http.Response as(String auth, String method, String path, String body) {
        return http.send(method, path, body, "X-Tenant", tenant, "Authorization", auth, "X-Forwarded-For", ip,
                "User-Agent", BROWSER);
    }

    private String signIn() {
        String email = uniqueEmail();
        assertThat(post("/api/auth/register", """
                {"name":"Mcp Person","username":"","email":"%s","password":"%s","confirm_password":"%s"}"""
                .formatted(email, PASSWORD, PASSWORD), "X-Tenant", tenant).status()).isLessThan(300);
        return bearer(post("/api/auth/login", "{\"email\":\"%s\",\"password\":\"%s\"}".formatted(email, PASSWORD),
                "X-Tenant", tenant));
    }

    @Test
    void aServerAddedByAnAdminIsSeenOnlyOnceSharedAndNeverShowsItsHeaders() throws IOException {
        String ada = signIn(); // the tenant's first person: ADMIN
        String bob = signIn();
        int refused;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            refused = socket.getLocalPort();
        }
        String config = """
                {"config":{"type":"streamable-http","title":"Team Tools","url":"http://127.0.0.1:%d/mcp",
                 "headers":{"Authorization":"Bearer e2e-secret-value"}}}""".formatted(refused);

        Http.Response denied = as(bob, "POST", "/api/mcp/servers", config);
        assertThat(denied.status()).as(denied.body()).isEqualTo(403);
        assertThat(as(bob, "POST", "/api/mcp/servers/probe", "{\"url\":\"http://127.0.0.1:" + refused + "/mcp\"}").status())
                .isEqualTo(403);

        Http.Response created = as(ada, "POST", "/api/mcp/servers", config);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).doesNotContain("e2e-secret-value");
        String dbId = created.json().get("dbId").asString();
        assertThat(as(bob, "GET", "/api/mcp/servers/team_tools", null).status()).isEqualTo(404);

        Http.Response shared = as(ada, "PUT", "/api/permissions/mcpServer/" + dbId, """
                {"updated":[{"type":"user","id":"%s","accessRoleId":"mcpServer_viewer"}]}"""
                .formatted(as(bob, "GET", "/api/user", null).json().get("id").asString()));
        assertThat(shared.status()).as(shared.body()).isEqualTo(200);

        Http.Response seen = as(bob, "GET", "/api/mcp/servers", null);
        assertThat(seen.json().get("team_tools").get("source").asString()).isEqualTo("user");
        assertThat(seen.body()).doesNotContain("e2e-secret-value");
        assertThat(as(bob, "DELETE", "/api/mcp/servers/team_tools", null).status()).isEqualTo(403);

        // the server is unreachable: the list still answers, the status says why, the probe is a 502
        assertThat(as(bob, "GET", "/api/mcp/tools", null).json().get("servers").get("team_tools").get("tools")).isEmpty();
        assertThat(as(bob, "GET", "/api/mcp/connection/status", null).json().get("connectionStatus").get("team_tools")
                .get("connectionState").asString()).isEqualTo("error");
        assertThat(as(ada, "POST", "/api/mcp/servers/probe", "{\"url\":\"http://127.0.0.1:" + refused + "/mcp\"}").status())
                .isEqualTo(502);

        assertThat(as(ada, "DELETE", "/api/mcp/servers/team_tools", null).status()).isEqualTo(200);
        assertThat(as(bob, "GET", "/api/mcp/servers/team_tools", null).status()).isEqualTo(404);
    }
}
