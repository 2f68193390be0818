package io.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.common.test.Http;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Deleting an account through the gateway: auth-service publishes {@code user.deleted} on the Redis
 * Stream and chat-service, reading it with its own consumer group, erases the person's chat data;
 * the gateway refuses the account's tokens from then on.
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
}
