package io.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.common.test.Http;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Deleting an account through the gateway: auth-service publishes {@code user.deleted} on the Redis
 * Stream and each service, reading it with its own consumer group, erases the person's data (chat,
 * agents, files with their bytes); the gateway refuses the account's tokens from then on.
 */
class AccountDeletionE2ETest extends E2ETest {

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
