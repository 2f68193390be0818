package io.parley.chat.turn;

import io.parley.chat.agent.AgentRuns;
import io.parley.chat.agent.AgentSetup;
import io.parley.chat.endpoint.Endpoint;
import io.parley.chat.provider.ModelProvider;
import io.parley.chat.provider.ModelRequest;
import io.parley.chat.stream.LiveJob;
import io.parley.common.security.CurrentUser;
import java.util.List;
import java.util.Map;

/**
 * One accepted chat turn, everything its job needs.
 *
 * @param userMessage   the request message as LibreChat shows it (created event, final's requestMessage)
 * @param earlierParts  content of the response being continued; empty for a new response
 * @param promptTokens  the prompt as counted here, used when the provider reports no usage
 * @param wantsTitle    a new, non-temporary conversation of an endpoint that titles
 * @param agent         the saved agent the turn runs ({@code endpoint=agents}), or null for a plain chat
 */
record Turn(CurrentUser user, LiveJob job, Endpoint endpoint, ModelProvider provider, ModelRequest request, String model,
            String conversationId, Map<String, Object> userMessage, String userText, String responseMessageId,
            List<Map<String, Object>> earlierParts, int promptTokens, boolean wantsTitle, BalancesClient.Hold hold,
            BalancesClient balances, AgentSetup agent) {

    /** The endpoint the messages and the conversation record: {@code agents} for an agent's turn. */
    String recordedEndpoint() {
        return agent != null ? AgentRuns.ENDPOINT : endpoint.name();
    }

    /** The response's sender: the agent's name, else the endpoint's label. */
    String sender() {
        return agent != null ? agent.sender() : endpoint.sender();
    }

    /** The response's {@code model}: LibreChat records the agent's id there, the client finds the agent by it. */
    String responseModel() {
        return agent != null ? agent.agentId() : model;
    }

    /** Records a call's tokens against the turn's hold. */
    void settle(String context, long prompt, long completion, String usedModel) {
        balances.settle(hold, context, prompt, completion, usedModel);
    }
}
