package io.parley.chat.provider;

import io.parley.chat.provider.ModelRequest.ChatMessage;
import io.parley.chat.provider.connect.ModelProviders;
import io.parley.chat.provider.ModelRequest.Role;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Connections and requests the adapter tests share. */
public final class ProviderFixtures {

    public static final String KEY = "sk-test-4f9a2c7e1b3d5f60";
    public static final JsonMapper JSON = JsonMapper.builder().build();
    /** Fast retries, so retry tests take milliseconds. */
    public static final ModelProviders PROVIDERS = new ModelProviders(Duration.ofMillis(5));
    /** Slow retries: a test that finishes quickly with these proved Retry-After was used instead. */
    public static final ModelProviders SLOW_RETRIES = new ModelProviders(Duration.ofSeconds(5));

    private ProviderFixtures() {
    }

    public static ProviderConnection connection(ProviderConnection.Protocol protocol, String baseUrl, String key,
                                         Duration readTimeout, int maxRetries) {
        return connection(protocol, baseUrl, key, Map.of(), List.of(), readTimeout, maxRetries);
    }

    public static ProviderConnection connection(ProviderConnection.Protocol protocol, String baseUrl, String key,
                                         Map<String, Object> addParams, List<String> dropParams,
                                         Duration readTimeout, int maxRetries) {
        return new ProviderConnection(protocol, URI.create(baseUrl), key, Map.of("X-Team", "parley"),
                addParams, dropParams, Duration.ofSeconds(2), readTimeout, maxRetries);
    }

    /** A system prompt and three turns, the middle one the model's. */
    public static ModelRequest request(Map<String, Object> parameters) {
        return new ModelRequest("fake-model", "Be brief.", List.of(
                new ChatMessage(Role.USER, "Hi"),
                new ChatMessage(Role.ASSISTANT, "Hello!"),
                new ChatMessage(Role.USER, "Tell me more")), parameters, "user-1");
    }

    /** A person asking about an image: "iVBOR" stands for its base64. */
    public static ModelRequest requestWithImage(Map<String, Object> parameters) {
        return new ModelRequest("fake-model", "Be brief.", List.of(ChatMessage.userWithImages("What is this?",
                List.of(new ModelRequest.Image("image/png", "iVBOR")))), parameters, "user-1");
    }

    public static JsonNode json(String body) {
        return JSON.readTree(body);
    }
}
