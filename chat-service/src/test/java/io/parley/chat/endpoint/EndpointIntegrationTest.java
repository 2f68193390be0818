package io.parley.chat.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.chat.ChatIntegrationTest;
import io.parley.chat.SseStream;
import io.parley.common.test.Http;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** {@code /api/endpoints}, {@code /api/models}, {@code /api/config} and the offline demo endpoint. */
class EndpointIntegrationTest extends ChatIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String body) {
        return JSON.readValue(body, Map.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void endpointsListTheConfiguredOnesInLibreChatsShapeAsLibreChatSendsIt() {
        Http.Response response = get(person(), "/api/endpoints");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        Map<String, Object> endpoints = json(response.body());
        assertThat(endpoints).containsOnlyKeys("agents", "anthropic", "google", "FakeAI", "OwnKey", "offline-demo");
        assertThat(endpoints.keySet()).first().isEqualTo("agents");
        assertThat((Map<String, Object>) endpoints.get("agents")).containsEntry("order", 1)
                .containsEntry("capabilities", List.of("context", "tools"));
        assertThat((Map<String, Object>) endpoints.get("OwnKey")).containsEntry("userProvide", true);
        assertThat((Map<String, Object>) endpoints.get("FakeAI")).containsEntry("type", "custom")
                .containsEntry("userProvide", false).containsEntry("userProvideURL", false)
                .containsEntry("modelDisplayLabel", "FakeAI").containsEntry("order", 9999);
        assertThat(http.get("/api/endpoints").status()).isEqualTo(401);
    }

    @Test
    void modelsListEachEndpointsModels() {
        Map<String, Object> models = json(get(person(), "/api/models").body());
        assertThat(models).containsEntry("FakeAI", List.of("fake-model", "fake-model-2"))
                .containsEntry("offline-demo", List.of("parley-demo"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void tokenConfigGivesEveryModelItsContextWindowAndPricesPerMillionTokens() {
        Http.Response response = get(person(), "/api/endpoints/token-config");
        assertThat(response.status()).isEqualTo(200);
        Map<String, Object> config = json(response.body());
        assertThat(config).containsOnlyKeys("anthropic", "google", "FakeAI", "OwnKey", "offline-demo");
        Map<String, Object> fake = (Map<String, Object>) config.get("FakeAI");
        assertThat(fake).containsOnlyKeys("fake-model", "fake-model-2");
        // an unknown model: the window turns are cut to, LibreChat's default rate
        assertThat((Map<String, Object>) fake.get("fake-model")).containsExactlyInAnyOrderEntriesOf(
                Map.of("context", 32_000, "prompt", 6.0, "completion", 6.0));
        // priced by the longest key of the table its name contains, as auth-service settles it
        assertThat((Map<String, Object>) ((Map<String, Object>) config.get("anthropic")).get("claude-fake"))
                .containsEntry("prompt", 0.8).containsEntry("completion", 2.4).containsEntry("context", 32_000)
                .doesNotContainKeys("cacheRead", "cacheWrite");
        assertThat((Map<String, Object>) ((Map<String, Object>) config.get("google")).get("gemini-fake"))
                .containsEntry("prompt", 0.5).containsEntry("completion", 1.5);
        assertThat(http.get("/api/endpoints/token-config").status()).isEqualTo(401);
    }

    @Test
    @SuppressWarnings("unchecked")
    void configShowsSignInFieldsToEveryoneAndTheRestOnlyWithAValidToken() {
        Map<String, Object> anonymous = json(http.get("/api/config").body());
        assertThat(anonymous).containsEntry("appTitle", "LibreChat").containsEntry("registrationEnabled", true)
                .containsEntry("emailLoginEnabled", true).containsEntry("openidLabel", "Continue with OpenID")
                .containsEntry("socialLogins", List.of()).doesNotContainKeys("interface", "balance");
        Map<String, Object> signedIn = json(get(person(), "/api/config").body());
        assertThat(signedIn).containsKeys("interface", "balance", "titleGenerationTiming")
                .containsEntry("allowAccountDeletion", true).containsEntry("publicSharedLinksEnabled", false);
        assertThat((Map<String, Object>) signedIn.get("interface")).containsEntry("presets", true);
        Map<String, Object> forged = json(http.get("/api/config", "Authorization", "Bearer not.a.token").body());
        assertThat(forged).doesNotContainKey("interface");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theOfflineDemoAnswersWithoutAnyModel() throws Exception {
        Person alice = person();
        int before = MODEL.requestCount();
        Http.Response started = post(alice, "/api/agents/chat/offline-demo", """
                {"text":"Is anyone there?","parentMessageId":"00000000-0000-0000-0000-000000000000","endpoint":"offline-demo"}""");
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String convo = (String) json(started.body()).get("conversationId");
        try (SseStream stream = new SseStream("http://127.0.0.1:" + port + "/api/agents/chat/stream/" + convo, alice.auth())) {
            SseStream.Event fin = stream.rest().getLast();
            Map<String, Object> response = (Map<String, Object>) fin.data().get("responseMessage");
            String text = (String) ((List<Map<String, Object>>) response.get("content")).getFirst().get("text");
            assertThat(text).contains("offline demo").contains("Is anyone there?");
        }
        assertThat(MODEL.requestCount()).isEqualTo(before);
    }
}
