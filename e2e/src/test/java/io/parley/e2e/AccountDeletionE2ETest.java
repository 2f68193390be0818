package io.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.common.test.Http;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Deleting an account through the gateway: auth-service publishes {@code user.deleted} on the Redis
 * Stream and chat-service, reading it with its own consumer group, erases the person's chat data;
 * the gateway refuses the account's tokens from then on.
 */
class AccountDeletionE2ETest extends E2ETest {

    private final String tenant = "delete-" + UUID.randomUUID().toString().substring(0, 8);

    private Http.Response as(String auth, String method, String path, String body) {
        return http.send(method, path, body, "X-Tenant", tenant, "Authorization", auth, "X-Forwarded-For", ip,
                "User-Agent", BROWSER);
    }

    private String signIn() {
        String email = uniqueEmail();
        assertThat(post("/api/auth/register", """
                {"name":"Leaver","username":"","email":"%s","password":"%s","confirm_password":"%s"}"""
                .formatted(email, PASSWORD, PASSWORD), "X-Tenant", tenant).status()).isLessThan(300);
        return bearer(post("/api/auth/login", "{\"email\":\"%s\",\"password\":\"%s\"}".formatted(email, PASSWORD),
                "X-Tenant", tenant));
    }

    private void chatData(String auth) {
        Http.Response turn = as(auth, "POST", "/api/agents/chat/offline-demo", """
                {"text":"Remember me","sender":"User","isCreatedByUser":true,
                 "parentMessageId":"00000000-0000-0000-0000-000000000000","endpoint":"offline-demo","model":"parley-demo"}""");
        assertThat(turn.status()).as(turn.body()).isEqualTo(200);
        String convo = turn.json().get("conversationId").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> as(auth, "GET", "/api/messages/" + convo, null).json().size() == 2);
        assertThat(as(auth, "POST", "/api/presets", "{\"title\":\"Mine\",\"endpoint\":\"offline-demo\"}").status()).isLessThan(300);
        assertThat(as(auth, "POST", "/api/tags", "{\"tag\":\"keep\"}").status()).isLessThan(300);
    }

    private int conversations(String auth) {
        return as(auth, "GET", "/api/convos", null).json().get("conversations").size();
    }

    @Test
    void aDeletedAccountsConversationsMessagesPresetsAndTagsAreErasedByChatServiceAndOthersStay() {
        String stays = signIn();
        String leaves = signIn();
        chatData(stays);
        chatData(leaves);
        assertThat(conversations(leaves)).isEqualTo(1);

        Http.Response deleted = as(leaves, "DELETE", "/api/user/delete", "{}");
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.json().get("message").asString()).isEqualTo("User deleted");

        // The gateway refuses the deleted account's still-valid token from now on.
        Http.Response refused = as(leaves, "GET", "/api/convos", null);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("message").asString()).isEqualTo("The account no longer exists");
        assertThat(as(leaves, "POST", "/api/tags", "{\"tag\":\"after\"}").status()).isEqualTo(401);

        // Behind the gateway the token still verifies: chat-service's data is erased meanwhile.
        Http chat = new Http(ParleySystem.chatServiceUrl());
        await().atMost(Duration.ofSeconds(30)).until(() ->
                chat.get("/api/convos", "Authorization", leaves).json().get("conversations").isEmpty());
        assertThat(chat.get("/api/presets", "Authorization", leaves).json().size()).isZero();
        assertThat(chat.get("/api/tags", "Authorization", leaves).json().size()).isZero();
        assertThat(conversations(stays)).isEqualTo(1);
        assertThat(as(stays, "GET", "/api/presets", null).json().size()).isEqualTo(1);
    }
}
