package io.parley.agent.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.parley.common.security.CurrentUser;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * LibreChat's {@code GET /api/agents/:id}: what anyone who may view the agent sees. No instructions or
 * versions, and only the model parameters that reveal no credential or address.
 */
public record ReducedAgentView(String _id, String id, @Nullable String name, @Nullable String description,
                               @Nullable Avatar avatar, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String author,
                               String provider, String model, @Nullable Map<String, Object> model_parameters,
                               String category, @Nullable SupportContact support_contact,
                               List<String> conversation_starters, boolean isPublic, int version, Instant createdAt,
                               Instant updatedAt) {

    /**
     * Model parameters that may hold credentials or where a model is reached; the reduced view leaves them
     * out (LibreChat's "safe" parameters).
     */
    private static final Set<String> UNSAFE_PARAMETERS = Set.of("apikey", "api_key", "baseurl", "base_url", "headers",
            "defaultheaders", "reverseproxyurl", "proxy", "azureopenaiapikey", "credentials");

    public static ReducedAgentView of(Agent agent, CurrentUser caller, boolean isPublic) {
        AgentDefinition definition = agent.definition();
        return new ReducedAgentView(agent.resourceId(), agent.id(), definition.name(), definition.description(),
                definition.avatarOrNull(), agent.authorShownTo(caller), definition.provider(), definition.model(),
                safe(definition.model_parameters()), definition.category(), definition.support_contact(),
                definition.conversation_starters(), isPublic, agent.version(), agent.createdAt(), agent.updatedAt());
    }

    private static @Nullable Map<String, Object> safe(@Nullable Map<String, Object> parameters) {
        if (parameters == null) {
            return null;
        }
        Map<String, Object> safe = new LinkedHashMap<>();
        parameters.forEach((key, value) -> {
            if (!UNSAFE_PARAMETERS.contains(key.toLowerCase(Locale.ROOT))) {
                safe.put(key, value);
            }
        });
        return safe;
    }
}
