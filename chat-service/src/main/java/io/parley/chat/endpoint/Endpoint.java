package io.parley.chat.endpoint;

import io.parley.chat.provider.ProviderConnection.Protocol;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /**
     * Names under {@code /api/agents/chat/} that are routes of their own (LibreChat's steering, abort,
     * stream, status, active jobs, resume), never endpoints: a turn is not started for them and no custom
     * endpoint may take one, so {@code POST /api/agents/chat/steer} can never be read as a chat with an
     * endpoint named {@code steer}.
     */
    public static final Set<String> CHAT_ROUTE_NAMES = Set.of("steer", "abort", "stream", "status", "active", "resume");

    /** The context window turns are cut to when neither the endpoint nor the request names one. */
    public static final int DEFAULT_CONTEXT_TOKENS = 32_000;

    public enum Kind { BUILTIN, CUSTOM, DEMO }

    public boolean userProvidesKey() {
        return USER_PROVIDED.equals(apiKey);
    }

    public boolean userProvidesUrl() {
        return USER_PROVIDED.equals(baseUrl);
    }

    /** The context window turns of this endpoint are cut to unless the request names one. */
    public int contextTokens() {
        return maxContextTokens != null ? maxContextTokens : DEFAULT_CONTEXT_TOKENS;
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
