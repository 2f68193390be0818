package io.parley.chat.endpoint;

import io.parley.chat.provider.ProviderConnection.Protocol;
import java.util.List;
import java.util.Map;

/**
 * One endpoint a person can chat with: a built-in provider ({@code openAI}, {@code anthropic},
 * {@code google}), a custom OpenAI-compatible one from librechat.yaml, or the offline demo.
 *
 * @param apiKey        the configured key; {@link #USER_PROVIDED} when each person brings their own
 * @param baseUrl       the provider's base URL; {@link #USER_PROVIDED} when each person brings their own
 * @param maxContextTokens the context window turns are truncated to, or null for the default
 */
public record Endpoint(String name, Kind kind, Protocol protocol, String baseUrl, String apiKey,
                       List<String> defaultModels, boolean fetchModels, boolean titleConvo, String titleModel,
                       String displayLabel, String iconURL, Map<String, String> headers, Map<String, Object> addParams,
                       List<String> dropParams, Integer maxContextTokens, int order) {

    public static final String USER_PROVIDED = "user_provided";

    public enum Kind { BUILTIN, CUSTOM, DEMO }

    public boolean userProvidesKey() {
        return USER_PROVIDED.equals(apiKey);
    }

    public boolean userProvidesUrl() {
        return USER_PROVIDED.equals(baseUrl);
    }

    /** The name the response is sent by: the display label, else the endpoint's name. */
    public String sender() {
        return displayLabel != null && !displayLabel.isBlank() ? displayLabel : name;
    }

    @Override
    public String toString() {
        return "Endpoint[" + name + " " + kind + " " + protocol + "]";
    }
}
