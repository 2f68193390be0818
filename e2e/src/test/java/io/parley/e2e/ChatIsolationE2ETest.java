package io.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.test.Http;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Through the gateway: one person's history, tags, presets and prompts are out of another's reach. */
class ChatIsolationE2ETest extends E2ETest {

    private static final String ROOT = "00000000-0000-0000-0000-000000000000";

    @Test
    void anotherPersonGets404OnEveryRouteAndChangesNothing() {
        String[] ada = signIn();
        String[] bob = signIn();
        String convo = UUID.randomUUID().toString();
        String message = UUID.randomUUID().toString();
        assertThat(post("/api/messages/" + convo, "{\"messageId\":\"%s\",\"parentMessageId\":\"%s\",\"text\":\"private\",\"isCreatedByUser\":true}"
                .formatted(message, ROOT), ada).status()).isEqualTo(201);
        send("PUT", "/api/tags/convo/" + convo, "{\"tags\":[\"secret\"]}", ada);
        String preset = post("/api/presets", "{\"title\":\"mine\"}", ada).json().get("presetId").asString();
        String group = post("/api/prompts", "{\"prompt\":{\"prompt\":\"p\"},\"group\":{\"name\":\"g\"}}", ada).json().at("/group/_id").asString();
        String before = get("/api/messages/" + convo, ada).body();

        assertThat(get("/api/convos/" + convo, bob).status()).isEqualTo(404);
        assertThat(get("/api/messages/" + convo, bob).status()).isEqualTo(404);
        assertThat(get("/api/messages/" + convo + "/" + message, bob).status()).isEqualTo(404);
        assertThat(send("PUT", "/api/messages/" + convo + "/" + message, "{\"text\":\"pwned\"}", bob).status()).isEqualTo(404);
        assertThat(send("PUT", "/api/messages/" + convo + "/" + message + "/feedback", "{\"feedback\":null}", bob).status()).isEqualTo(404);
        assertThat(send("DELETE", "/api/messages/" + convo + "/" + message, null, bob).status()).isEqualTo(404);
        assertThat(post("/api/convos/update", "{\"arg\":{\"conversationId\":\"%s\",\"title\":\"x\"}}".formatted(convo), bob).status()).isEqualTo(404);
        assertThat(post("/api/convos/fork", "{\"conversationId\":\"%s\",\"messageId\":\"%s\"}".formatted(convo, message), bob).status()).isEqualTo(404);
        assertThat(post("/api/convos/duplicate", "{\"conversationId\":\"%s\"}".formatted(convo), bob).status()).isEqualTo(404);
        assertThat(send("DELETE", "/api/convos", "{\"arg\":{\"conversationId\":\"%s\"}}".formatted(convo), bob).status()).isEqualTo(404);
        assertThat(send("PUT", "/api/tags/convo/" + convo, "{\"tags\":[\"x\"]}", bob).status()).isEqualTo(404);
        assertThat(send("DELETE", "/api/tags/secret", null, bob).status()).isEqualTo(404);
        assertThat(send("PUT", "/api/presets/" + preset, "{\"title\":\"x\"}", bob).status()).isEqualTo(404);
        assertThat(get("/api/prompts/groups/" + group, bob).status()).isEqualTo(404);
        assertThat(get("/api/messages?search=private", bob).json().get("messages").isEmpty()).isTrue();

        assertThat(get("/api/messages/" + convo, ada).body()).isEqualTo(before);
        assertThat(get("/api/tags", ada).json().get(0).get("count").asInt()).isEqualTo(1);
    }

    @Test
    void badInputThroughTheGatewayIs400() {
        String[] ada = signIn();
        assertThat(get("/api/convos?sortBy=secret", ada).status()).isEqualTo(400);
        assertThat(get("/api/convos?cursor=broken!", ada).status()).isEqualTo(400);
        assertThat(get("/api/convos?limit=-1", ada).status()).isEqualTo(400);
        assertThat(get("/api/messages/not-a-uuid", ada).status()).isEqualTo(400);
        assertThat(post("/api/messages/" + UUID.randomUUID(), "{\"messageId\":{\"$gt\":\"\"}}", ada).status()).isEqualTo(400);
        assertThat(get("/api/convos", ada).json().get("conversations").isEmpty()).isTrue();
    }

    private String[] signIn() {
        String email = uniqueEmail();
        register(email);
        return new String[] {"Authorization", bearer(login(email, PASSWORD))};
    }

    private Http.Response send(String method, String path, String body, String[] auth) {
        return http.send(method, path, body, "X-Forwarded-For", ip, "User-Agent", BROWSER, auth[0], auth[1]);
    }
}
