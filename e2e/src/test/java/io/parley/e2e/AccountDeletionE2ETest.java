package io.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.common.test.Http;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Deleting an account through the gateway: auth-service publishes {@code user.deleted} on the Redis
 * Stream and each service, reading it with its own consumer group, erases the person's data (chat,
 * agents, files with their bytes, MCP servers and saved MCP variables); the gateway refuses the
 * account's tokens from then on.
 */
class AccountDeletionE2ETest extends E2ETest {

    private static final String STORAGE_ROOT = "--parley.file.local.root=";

    private final String tenant = uniqueTenant("delete");

    private void chatData(String auth) {
        Http.Response turn = as(tenant, auth, "POST", "/api/agents/chat/offline-demo", """
                {"text":"Remember me","sender":"User","isCreatedByUser":true,
                 "parentMessageId":"00000000-0000-0000-0000-000000000000","endpoint":"offline-demo","model":"parley-demo"}""");
        assertThat(turn.status()).as(turn.body()).isEqualTo(200);
        String convo = turn.json().get("conversationId").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> as(tenant, auth, "GET", "/api/messages/" + convo, null).json().size() == 2);
        assertThat(as(tenant, auth, "POST", "/api/presets", "{\"title\":\"Mine\",\"endpoint\":\"offline-demo\"}").status()).isLessThan(300);
        assertThat(as(tenant, auth, "POST", "/api/tags", "{\"tag\":\"keep\"}").status()).isLessThan(300);
    }

    private int conversations(String auth) {
        return as(tenant, auth, "GET", "/api/convos", null).json().get("conversations").size();
    }

    @Test
    void aDeletedAccountsConversationsMessagesPresetsAndTagsAreErasedByChatServiceAndOthersStay() {
        String stays = signIn(tenant);
        String leaves = signIn(tenant);
        chatData(stays);
        chatData(leaves);
        assertThat(conversations(leaves)).isEqualTo(1);

        Http.Response deleted = as(tenant, leaves, "DELETE", "/api/user/delete", "{}");
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.json().get("message").asString()).isEqualTo("User deleted");

        // The gateway refuses the deleted account's still-valid token within a second, then from then on.
        await().atMost(Duration.ofSeconds(5))
                .until(() -> as(tenant, leaves, "GET", "/api/convos", null).status() == 401);
        Http.Response refused = as(tenant, leaves, "GET", "/api/convos", null);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("message").asString()).isEqualTo("The account no longer exists");
        assertThat(as(tenant, leaves, "POST", "/api/tags", "{\"tag\":\"after\"}").status()).isEqualTo(401);

        // Behind the gateway the token still verifies: chat-service's data is erased meanwhile.
        Http chat = new Http(ParleySystem.chatServiceUrl());
        await().atMost(Duration.ofSeconds(30)).until(() ->
                chat.get("/api/convos", "Authorization", leaves).json().get("conversations").isEmpty());
        assertThat(chat.get("/api/presets", "Authorization", leaves).json().size()).isZero();
        assertThat(chat.get("/api/tags", "Authorization", leaves).json().size()).isZero();
        assertThat(conversations(stays)).isEqualTo(1);
        assertThat(as(tenant, stays, "GET", "/api/presets", null).json().size()).isEqualTo(1);
    }

    @Test
    void aDeletedAccountsAgentsAndFilesWithTheirBytesAreErasedByTheirServicesAndOthersStay() {
        String stays = signIn(tenant);
        String leaves = signIn(tenant);
        String agent = """
                {"name":"Mine","instructions":"Help","provider":"%s","model":"fake-model"}""".formatted(ParleySystem.MODEL_ENDPOINT);
        assertThat(as(tenant, leaves, "POST", "/api/agents", agent).status()).isEqualTo(201);
        assertThat(as(tenant, stays, "POST", "/api/agents", agent).status()).isEqualTo(201);
        String fileId = upload(leaves, "leaving.txt", "bytes of the person who leaves");
        upload(stays, "staying.txt", "bytes of the person who stays");
        Http files = new Http(ParleySystem.fileServiceUrl());
        Http agents = new Http(ParleySystem.serviceUrl("agent-service"));
        String download = "/api/files/download/" + idOf(leaves) + "/" + fileId;
        assertThat(files.get(download, "Authorization", leaves, "X-Parley-Tenant", tenant).status()).isEqualTo(200);

        assertThat(as(tenant, leaves, "DELETE", "/api/user/delete", "{}").status()).isEqualTo(200);

        // Behind the gateway the token still verifies: each service erases what was the person's.
        await().atMost(Duration.ofSeconds(30)).until(() ->
                agents.get("/api/agents", "Authorization", leaves, "X-Parley-Tenant", tenant).json().get("data").isEmpty()
                        && files.get("/api/files", "Authorization", leaves, "X-Parley-Tenant", tenant).json().isEmpty());
        assertThat(files.get(download, "Authorization", leaves, "X-Parley-Tenant", tenant).status())
                .as("the bytes are gone with the record").isEqualTo(404);
        assertThat(as(tenant, stays, "GET", "/api/agents", null).json().get("data")).hasSize(1);
        assertThat(as(tenant, stays, "GET", "/api/files", null).json()).hasSize(1);
    }

    @Test
    void everyServiceForgetsTheFileAgentMcpServerAndVariablesOfADeletedAccountWhileAnotherPersonsStay() throws IOException {
        String ada = signIn(tenant); // the tenant's first person: ADMIN, who stays
        String leaves = signIn(tenant);
        String bob = signIn(tenant);
        // LibreChat's USER may not add MCP servers; the admin lets the role, as an operator would
        assertThat(as(tenant, ada, "PUT", "/api/roles/USER/mcp-servers", "{\"CREATE\":true}").status()).isEqualTo(200);

        // an agent each; the admin shares the leaver's with everyone
        Http.Response leaverAgent = as(tenant, leaves, "POST", "/api/agents", agentBody("Leaving"));
        assertThat(leaverAgent.status()).as(leaverAgent.body()).isEqualTo(201);
        String agentId = leaverAgent.json().get("id").asString();
        Http.Response adaAgent = as(tenant, ada, "POST", "/api/agents", agentBody("Staying"));
        assertThat(adaAgent.status()).as(adaAgent.body()).isEqualTo(201);
        Http.Response published = as(tenant, ada, "PUT", "/api/permissions/agent/" + leaverAgent.json().get("_id").asString(),
                "{\"public\":true,\"publicAccessRoleId\":\"agent_viewer\"}");
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        assertThat(as(tenant, bob, "GET", "/api/agents/" + agentId, null).status()).isEqualTo(200);

        // a file each, with its bytes in file-service's storage
        String leaverBytes = "bytes of the leaver " + UUID.randomUUID();
        String adaBytes = "bytes of the admin " + UUID.randomUUID();
        upload(leaves, "leaving.txt", leaverBytes);
        String adaFile = upload(ada, "staying.txt", adaBytes);
        assertThat(storedFilesHolding(leaverBytes)).hasSize(1);
        assertThat(storedFilesHolding(adaBytes)).hasSize(1);

        // an MCP server each; the leaver saves variables of their own for the admin's, which everyone may use
        int refused;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            refused = socket.getLocalPort();
        }
        Http.Response leaverServer = as(tenant, leaves, "POST", "/api/mcp/servers", mcpServerBody("Leaver Tools", refused));
        assertThat(leaverServer.status()).as(leaverServer.body()).isEqualTo(201);
        Http.Response teamServer = as(tenant, ada, "POST", "/api/mcp/servers", mcpServerBody("Team Tools", refused));
        assertThat(teamServer.status()).as(teamServer.body()).isEqualTo(201);
        Http.Response shared = as(tenant, ada, "PUT", "/api/permissions/mcpServer/" + teamServer.json().get("dbId").asString(),
                "{\"public\":true,\"publicAccessRoleId\":\"mcpServer_viewer\"}");
        assertThat(shared.status()).as(shared.body()).isEqualTo(200);
        for (String who : List.of(leaves, ada)) {
            Http.Response saved = as(tenant, who, "POST", "/api/user/plugins",
                    "{\"pluginKey\":\"mcp_team_tools\",\"action\":\"install\",\"auth\":{\"API_KEY\":\"own-key\"}}");
            assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        }
        assertThat(apiKeySet(as(tenant, leaves, "GET", "/api/mcp/team_tools/auth-values", null))).isTrue();
        assertThat(as(tenant, bob, "GET", "/api/mcp/servers", null).json().has("leaver_tools")).isFalse();

        Http.Response deleted = as(tenant, leaves, "DELETE", "/api/user/delete", "{}");
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);

        // Behind the gateway the leaver's token still verifies: each service erases what was theirs.
        Http agents = new Http(ParleySystem.serviceUrl("agent-service"));
        Http files = new Http(ParleySystem.fileServiceUrl());
        Http mcp = new Http(ParleySystem.serviceUrl("mcp-service"));
        String[] leaver = {"Authorization", leaves, "X-Parley-Tenant", tenant};
        await().atMost(Duration.ofSeconds(30)).until(() ->
                agents.get("/api/agents/" + agentId, leaver).status() == 404
                        && files.get("/api/files", leaver).json().isEmpty()
                        && !mcp.get("/api/mcp/servers", leaver).json().has("leaver_tools")
                        && !apiKeySet(mcp.get("/api/mcp/team_tools/auth-values", leaver)));

        assertThat(storedFilesHolding(leaverBytes)).as("the leaver's bytes are gone from storage").isEmpty();
        for (String other : List.of(ada, bob)) {
            assertThat(as(tenant, other, "GET", "/api/agents/" + agentId, null).status()).isEqualTo(404);
            assertThat(as(tenant, other, "GET", "/api/agents", null).json().get("data").findValuesAsString("id"))
                    .doesNotContain(agentId);
            assertThat(as(tenant, other, "GET", "/api/mcp/servers/leaver_tools", null).status()).isEqualTo(404);
        }
        assertThat(as(tenant, ada, "GET", "/api/mcp/servers", null).json().has("leaver_tools"))
                .as("not even the admin, who sees every server of the tenant").isFalse();

        // what is the admin's stays, the shared server and the variables saved for it included
        assertThat(as(tenant, ada, "GET", "/api/agents", null).json().get("data").findValuesAsString("name")).contains("Staying");
        assertThat(storedFilesHolding(adaBytes)).hasSize(1);
        Http.Response download = as(tenant, ada, "GET", "/api/files/download/" + idOf(ada) + "/" + adaFile, null);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(adaBytes);
        assertThat(as(tenant, bob, "GET", "/api/mcp/servers", null).json().has("team_tools")).isTrue();
        assertThat(apiKeySet(as(tenant, ada, "GET", "/api/mcp/team_tools/auth-values", null))).isTrue();
    }

    private static String agentBody(String name) {
        return """
                {"name":"%s","instructions":"Help","provider":"%s","model":"fake-model"}""".formatted(name, ParleySystem.MODEL_ENDPOINT);
    }

    /** A user-managed MCP server with a variable each person supplies; {@code port} refuses connections. */
    private static String mcpServerBody(String title, int port) {
        return """
                {"config":{"type":"streamable-http","title":"%s","url":"http://127.0.0.1:%d/mcp",
                 "headers":{"X-Api-Key":"{{API_KEY}}"},"customUserVars":{"API_KEY":{"title":"API key","description":"Yours"}}}}"""
                .formatted(title, port);
    }

    private static boolean apiKeySet(Http.Response authValues) {
        assertThat(authValues.status()).as(authValues.body()).isEqualTo(200);
        return authValues.json().at("/authValueFlags/API_KEY").asBoolean();
    }

    /**
     * The files in file-service's local storage holding exactly {@code text}: the folder is the one its
     * command line names ({@code --parley.file.local.root}), read as an operator would.
     */
    private static List<Path> storedFilesHolding(String text) throws IOException {
        Path root = ProcessHandle.current().children()
                .flatMap(process -> process.info().arguments().stream().flatMap(Arrays::stream))
                .filter(argument -> argument.startsWith(STORAGE_ROOT))
                .map(argument -> Path.of(argument.substring(STORAGE_ROOT.length())))
                .findFirst().orElseThrow(() -> new IllegalStateException("file-service's storage is not on its command line"));
        byte[] wanted = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> stored = Files.walk(root)) {
            return stored.filter(Files::isRegularFile).filter(file -> {
                try {
                    return Files.size(file) == wanted.length && Arrays.equals(Files.readAllBytes(file), wanted);
                } catch (IOException gone) {
                    return false;
                }
            }).toList();
        }
    }

    private String idOf(String auth) {
        return as(tenant, auth, "GET", "/api/user", null).json().get("id").asString();
    }

    /** A text file as LibreChat's client uploads it (multipart, with its file_id and endpoint fields). */
    private String upload(String auth, String filename, String text) {
        String boundary = "e2e-" + java.util.UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file_id\"\r\n\r\n"
                + java.util.UUID.randomUUID() + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"endpoint\"\r\n\r\n"
                + "openAI\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: text/plain\r\n\r\n" + text + "\r\n--" + boundary + "--\r\n";
        Http.Response uploaded = http.send("POST", "/api/files", "multipart/form-data; boundary=" + boundary,
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8), "X-Tenant", tenant, "Authorization", auth,
                "X-Forwarded-For", ip, "User-Agent", BROWSER);
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        return uploaded.json().get("file_id").asString();
    }
}
