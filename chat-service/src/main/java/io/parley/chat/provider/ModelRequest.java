package io.parley.chat.provider;

import java.util.List;
import java.util.Map;

/**
 * What one model call sends.
 *
 * @param model        the provider's model id
 * @param instructions the system prompt (LibreChat's promptPrefix / agent instructions); may be null
 * @param messages     the conversation, oldest first, alternating as the user made it
 * @param parameters   LibreChat's model parameters by their LibreChat names ({@code temperature},
 *                     {@code top_p}/{@code topP}, {@code topK}, {@code max_tokens}/{@code maxOutputTokens},
 *                     {@code stop}, {@code reasoning_effort}, {@code thinking}, {@code thinkingBudget}, …);
 *                     each adapter maps them onto its wire names and ignores those it has no use for
 * @param user         the end user's id, passed where the protocol has a field for it
 */
public record ModelRequest(String model, String instructions, List<ChatMessage> messages,
                           Map<String, Object> parameters, String user) {

    public ModelRequest {
        messages = List.copyOf(messages);
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    /** One turn of the conversation. */
    public record ChatMessage(Role role, String text) {
    }

    public enum Role { USER, ASSISTANT }
}
