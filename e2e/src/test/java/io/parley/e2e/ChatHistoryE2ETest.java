package io.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.test.Http;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Saved conversations through the gateway: chat-service verifies the token with auth-service's keys over gRPC. */
class ChatHistoryE2ETest extends E2ETest {

    @Test
    void aSavedMessageShowsUpInTheConversationListAndOnlyForItsOwner() {
        String email = uniqueEmail();
        register(email);
        Http.Response ada = login(email, PASSWORD);
        String convo = UUID.randomUUID().toString();
        String message = UUID.randomUUID().toString();

        Http.Response saved = post("/api/messages/" + convo, """
                {"messageId":"%s","parentMessageId":"00000000-0000-0000-0000-000000000000","text":"Hello, AI!",
                 "isCreatedByUser":true,"endpoint":"openAI"}""".formatted(message), "Authorization", bearer(ada));
        assertThat(saved.status()).isEqualTo(201);

        Http.Response list = get("/api/convos?limit=25&isArchived=false", "Authorization", bearer(ada));
        assertThat(list.json().at("/conversations/0/conversationId").asString()).isEqualTo(convo);
        assertThat(get("/api/messages/" + convo, "Authorization", bearer(ada)).json().get(0).get("text").asString())
                .isEqualTo("Hello, AI!");

        String otherEmail = uniqueEmail();
        register(otherEmail);
        Http.Response bob = login(otherEmail, PASSWORD);
        assertThat(get("/api/messages/" + convo, "Authorization", bearer(bob)).status()).isEqualTo(404);
    }
}
