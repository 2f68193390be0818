package io.parley.chat.turn;

import io.parley.chat.agent.AgentRuns;
import io.parley.chat.endpoint.Endpoint;
import io.parley.chat.endpoint.EndpointCatalog;
import io.parley.chat.key.UserKeys;
import io.parley.chat.provider.ModelProvider;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The run-kind stage of a turn: a saved agent's run when the endpoint is {@code agents} (and agents
 * are on), else a plain chat with an endpoint of this installation and one of its models; and the
 * provider that answers, with the person's own key when the endpoint wants it.
 */
@Component
class RunKinds {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final EndpointCatalog endpoints;
    private final AgentRuns agents;
    private final UserKeys keys;

    RunKinds(EndpointCatalog endpoints, AgentRuns agents, UserKeys keys) {
        this.endpoints = endpoints;
        this.agents = agents;
        this.keys = keys;
    }

    /**
     * @throws ApiException.Invalid for an endpoint or model this installation does not serve
     * @throws ApiException         as {@link AgentRuns#prepare} refuses an agent's run
     */
    RunKind of(@Nullable String endpointName, TurnRequest body) {
        if (AgentRuns.ENDPOINT.equals(endpointName) && endpoints.agentsEnabled()) {
            return new RunKind.SavedAgent(agents.prepare(body.agent_id()));
        }
        Endpoint endpoint = endpoints.find(endpointName)
                .orElseThrow(() -> ApiException.Invalid.field("endpoint", "is not an endpoint of this installation"));
        return new RunKind.PlainChat(endpoint, model(endpoint, body.model()));
    }

    /** The requested model, else the endpoint's first; one the endpoint lists, when it lists any. */
    private String model(Endpoint endpoint, @Nullable String requested) {
        List<String> known = endpoints.models(endpoint);
        if (requested == null || requested.isBlank()) {
            if (known.isEmpty()) {
                throw ApiException.Invalid.field("model", "is required");
            }
            return known.getFirst();
        }
        if (requested.length() > 256 || (!known.isEmpty() && !known.contains(requested))) {
            throw ApiException.Invalid.field("model", "is not a model of endpoint " + endpoint.name());
        }
        return requested;
    }

    /**
     * The provider of the run's endpoint, with the person's own key (and URL) when the endpoint wants them.
     *
     * @throws ApiException.Invalid when the person has no usable key for the endpoint
     */
    ModelProvider provider(CurrentUser caller, RunKind kind) {
        Endpoint endpoint = kind.endpoint();
        if (!endpoint.userProvidesKey() && !endpoint.userProvidesUrl()) {
            return endpoints.provider(endpoint, null, null);
        }
        String stored = keys.require(caller, endpoint.name());
        if (!endpoint.userProvidesUrl()) {
            return endpoints.provider(endpoint, stored, null);
        }
        try {
            Map<?, ?> credentials = JSON.readValue(stored, Map.class);
            Object key = credentials.get("apiKey");
            Object url = credentials.get("baseURL");
            if (!(url instanceof String baseUrl) || !baseUrl.matches("https?://.+")) {
                throw ApiException.Invalid.field("baseURL", "of your key for " + endpoint.name() + " must be an http(s) URL");
            }
            return endpoints.provider(endpoint, key instanceof String k ? k : null, baseUrl);
        } catch (JacksonException e) {
            throw new ApiException.Invalid("Your key for " + endpoint.name() + " must be a JSON object with apiKey and baseURL");
        }
    }
}
