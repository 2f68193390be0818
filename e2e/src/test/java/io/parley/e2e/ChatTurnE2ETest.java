package io.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.test.Http;
import org.junit.jupiter.api.Test;

/**
 * A chat turn through the gateway with every service running: chat-service asks auth-service's
 * Balances before the model is called and settles after, and the stream passes the gateway.
 */
class ChatTurnE2ETest extends E2ETest {

    @Test
    void aTurnOnTheOfflineDemoStreamsThroughTheGatewayIsSavedAndIsCharged() {
        String email = uniqueEmail();
        register(email);
        Http.Response ada = login(email, PASSWORD);
        String auth = bearer(ada);
        long before = get("/api/balance", "Authorization", auth).json().get("tokenCredits").asLong();

        Http.Response started = post("/api/agents/chat/offline-demo", """
                {"text":"Hello through the gateway","sender":"User","isCreatedByUser":true,
                 "parentMessageId":"00000000-0000-0000-0000-000000000000","endpoint":"offline-demo",
                 "model":"parley-demo"}""", "Authorization", auth);
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String convo = started.json().get("conversationId").asString();

        Http.Response stream = get("/api/agents/chat/stream/" + convo, "Authorization", auth);
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        assertThat(stream.body()).startsWith("event: message\ndata: {\"created\":true")
                .contains("\"event\":\"on_message_delta\"").contains("\"final\":true");

        Http.Response messages = get("/api/messages/" + convo, "Authorization", auth);
        assertThat(messages.json().size()).isEqualTo(2);
        assertThat(messages.json().get(1).at("/content/0/text").asString()).contains("Hello through the gateway");
        long after = get("/api/balance", "Authorization", auth).json().get("tokenCredits").asLong();
        assertThat(after).isLessThan(before);
    }

    @Test
    void theConfigIsServedWithoutATokenWithAuthServicesSignInFlags() {
        Http.Response config = get("/api/config");
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.json().get("registrationEnabled").asBoolean()).isTrue();
        assertThat(config.json().has("interface")).isFalse();
        Http.Response endpoints = get("/api/endpoints", "Authorization", bearer(loginNew()));
        assertThat(endpoints.body()).contains("\"offline-demo\"");
    }

    private Http.Response loginNew() {
        String email = uniqueEmail();
        register(email);
        return login(email, PASSWORD);
    }
}
