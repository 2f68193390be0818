package io.parley.chat.turn;

import io.parley.chat.agent.AgentRuns;
import io.parley.chat.agent.AgentSetup;
import io.parley.chat.agent.RunTools;
import io.parley.chat.endpoint.Endpoint;
import io.parley.common.error.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What kind of run a turn is, holding all that differs between the kinds: a plain chat with one of
 * the endpoint's models, or a run of a saved agent ({@code endpoint=agents}) with the agent's model,
 * instructions, parameters and tools.
 */
sealed interface RunKind {

    /** The endpoint whose provider answers. */
    Endpoint endpoint();

    /** The provider's model: the one called, and the one the turn's tokens are priced at. */
    String model();

    /** The endpoint the messages and the conversation record. */
    String recordedEndpoint();

    /** The response's {@code sender}. */
    String sender();

    /** The response's {@code model}. */
    String responseModel();

    /** The system prompt, given the conversation's own {@code promptPrefix}; null for none. */
    @Nullable String instructions(@Nullable String promptPrefix);

    /** The model parameters, by LibreChat's names. */
    Map<String, Object> parameters(TurnRequest body);

    /**
     * The context window the history is cut to.
     *
     * @throws ApiException.Invalid when the request names a window that is not positive
     */
    int contextTokens(TurnRequest body);

    /** What the conversation records of the run: its endpoint, endpoint type and model. */
    Map<String, Object> conversationFields();

    /** The tools the model is offered. */
    RunTools tools();

    /** Most steps (model calls and tool rounds) the run may take. */
    int recursionLimit();

    /** Files whose text goes to the model with every turn (an agent's "File Context"); none for a plain chat. */
    default List<String> contextFileIds() {
        return List.of();
    }

    /** A chat with one of an endpoint's models, without tools. */
    record PlainChat(Endpoint endpoint, String model) implements RunKind {

        @Override
        public String recordedEndpoint() {
            return endpoint.name();
        }

        /** The endpoint's label. */
        @Override
        public String sender() {
            return endpoint.sender();
        }

        @Override
        public String responseModel() {
            return model;
        }

        @Override
        public @Nullable String instructions(@Nullable String promptPrefix) {
            return promptPrefix;
        }

        @Override
        public Map<String, Object> parameters(TurnRequest body) {
            return body.parameters();
        }

        @Override
        public int contextTokens(TurnRequest body) {
            return requestedContextTokens(body, endpoint);
        }

        /** LibreChat's client tells a custom endpoint apart by {@code endpointType}. */
        @Override
        public Map<String, Object> conversationFields() {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("endpoint", endpoint.name());
            fields.put("endpointType", endpoint.kind() == Endpoint.Kind.BUILTIN ? null : "custom");
            fields.put("model", model);
            return fields;
        }

        @Override
        public RunTools tools() {
            return RunTools.NONE;
        }

        /** Without tools the model is called once: no limit applies. */
        @Override
        public int recursionLimit() {
            return Integer.MAX_VALUE;
        }
    }

    /** A run of a saved agent: the agent's provider and model, with its instructions, parameters and tools. */
    record SavedAgent(AgentSetup agent) implements RunKind {

        @Override
        public Endpoint endpoint() {
            return agent.endpoint();
        }

        @Override
        public String model() {
            return agent.model();
        }

        /** LibreChat records {@code agents}, not the agent's provider. */
        @Override
        public String recordedEndpoint() {
            return AgentRuns.ENDPOINT;
        }

        /** The agent's name. */
        @Override
        public String sender() {
            return agent.sender();
        }

        /** LibreChat records the agent's id there: the client finds the agent by it. */
        @Override
        public String responseModel() {
            return agent.agentId();
        }

        /** The agent's instructions first, then the conversation's own prompt, as one system prompt. */
        @Override
        public @Nullable String instructions(@Nullable String promptPrefix) {
            String own = agent.instructions();
            if (promptPrefix == null || promptPrefix.isBlank()) {
                return own;
            }
            return own == null || own.isBlank() ? promptPrefix : own + "\n\n" + promptPrefix;
        }

        /** The agent's own: the request's parameters do not apply to an agent. */
        @Override
        public Map<String, Object> parameters(TurnRequest body) {
            return agent.parameters();
        }

        /** The agent's window when it names one; then the request is not asked. */
        @Override
        public int contextTokens(TurnRequest body) {
            return agent.maxContextTokens() != null ? agent.maxContextTokens()
                    : requestedContextTokens(body, agent.endpoint());
        }

        /** The provider's model, and the agent the conversation goes on with. */
        @Override
        public Map<String, Object> conversationFields() {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("endpoint", AgentRuns.ENDPOINT);
            fields.put("endpointType", null);
            fields.put("model", agent.model());
            fields.put("agent_id", agent.agentId());
            return fields;
        }

        @Override
        public RunTools tools() {
            return agent.tools();
        }

        @Override
        public int recursionLimit() {
            return agent.recursionLimit();
        }

        @Override
        public List<String> contextFileIds() {
            return agent.contextFileIds();
        }
    }

    /** The request's window, else the endpoint's, else the default. */
    private static int requestedContextTokens(TurnRequest body, Endpoint endpoint) {
        if (body.maxContextTokens() != null) {
            if (body.maxContextTokens() < 1) {
                throw ApiException.Invalid.field("maxContextTokens", "must be positive");
            }
            return body.maxContextTokens();
        }
        return endpoint.contextTokens();
    }
}
