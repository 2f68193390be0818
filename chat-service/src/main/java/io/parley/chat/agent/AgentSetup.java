package io.parley.chat.agent;

import io.parley.chat.endpoint.Endpoint;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a turn with {@code endpoint=agents} runs with, taken from the agent.
 *
 * @param endpoint         the endpoint of the agent's provider
 * @param model            the provider's model
 * @param instructions     the agent's instructions (the system prompt); may be empty
 * @param parameters       the agent's {@code model_parameters}, by LibreChat's names
 * @param maxContextTokens the agent's {@code maxContextTokens}, or null
 * @param tools            the agent's MCP tools that mcp-service offers the person
 * @param recursionLimit   most steps (model calls and tool rounds) the run may take
 * @param contextFileIds   the files of the agent's "File Context" (tool resources {@code context} and the
 *                         older {@code ocr}, which LibreChat folds into it), whose text goes with every turn
 */
public record AgentSetup(String agentId, String name, Endpoint endpoint, String model, String instructions,
                         Map<String, Object> parameters, @Nullable Integer maxContextTokens, RunTools tools,
                         int recursionLimit, List<String> contextFileIds) {

    /** LibreChat's sender of an agent's answers: the agent's name, else "Agent". */
    public String sender() {
        return name == null || name.isBlank() ? "Agent" : name;
    }
}
