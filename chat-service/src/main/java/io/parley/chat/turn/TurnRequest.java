package io.parley.chat.turn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LibreChat's chat request body ({@code TPayload}: the user message, the endpoint option and the
 * turn's flags). Fields LibreChat's client sends that Parley has no use for are ignored.
 */
record TurnRequest(String text, String messageId, String parentMessageId, String conversationId, String endpoint,
                   String endpointType, String model, String agent_id, String promptPrefix, String modelLabel,
                   Integer maxContextTokens, Double temperature, Double top_p, Double topP, Integer topK,
                   Integer max_tokens, Integer maxOutputTokens, List<String> stop, String reasoning_effort,
                   Boolean thinking, Integer thinkingBudget, Double presence_penalty, Double frequency_penalty,
                   Boolean isContinued, Boolean isRegenerate, Boolean isTemporary, String overrideParentMessageId,
                   String responseMessageId, EditedContent editedContent, List<Map<String, Object>> files) {

    /** An edit of one content part of the response before it is continued. */
    record EditedContent(Integer index, String type, String text, String think) {
    }

    boolean continued() {
        return Boolean.TRUE.equals(isContinued);
    }

    boolean regenerate() {
        return Boolean.TRUE.equals(isRegenerate);
    }

    boolean temporary() {
        return Boolean.TRUE.equals(isTemporary);
    }

    /** The model parameters, by LibreChat's names, for the provider adapter to map. */
    Map<String, Object> parameters() {
        Map<String, Object> out = new LinkedHashMap<>();
        put(out, "temperature", temperature);
        put(out, "top_p", top_p != null ? top_p : topP);
        put(out, "topK", topK);
        put(out, "max_tokens", max_tokens != null ? max_tokens : maxOutputTokens);
        put(out, "stop", stop == null || stop.isEmpty() ? null : stop);
        put(out, "reasoning_effort", reasoning_effort);
        put(out, "thinking", thinking);
        put(out, "thinkingBudget", thinkingBudget);
        put(out, "presence_penalty", presence_penalty);
        put(out, "frequency_penalty", frequency_penalty);
        return out;
    }

    private static void put(Map<String, Object> out, String name, Object value) {
        if (value != null) {
            out.put(name, value);
        }
    }
}
