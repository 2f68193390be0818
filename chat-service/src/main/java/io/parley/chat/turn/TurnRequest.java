package io.parley.chat.turn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * LibreChat's chat request body ({@code TPayload}: the user message, the endpoint option and the
 * turn's flags). Fields LibreChat's client sends that Parley has no use for are ignored; any field
 * may be missing. {@code recoverySteerId} names the left-over steer this message sends again.
 */
record TurnRequest(@Nullable String text, @Nullable String messageId, @Nullable String parentMessageId,
                   @Nullable String conversationId, @Nullable String endpoint, @Nullable String endpointType,
                   @Nullable String model, @Nullable String agent_id, @Nullable String promptPrefix,
                   @Nullable String modelLabel, @Nullable Integer maxContextTokens, @Nullable Double temperature,
                   @Nullable Double top_p, @Nullable Double topP, @Nullable Integer topK,
                   @Nullable Integer max_tokens, @Nullable Integer maxOutputTokens, @Nullable List<String> stop,
                   @Nullable String reasoning_effort, @Nullable Boolean thinking, @Nullable Integer thinkingBudget,
                   @Nullable Double presence_penalty, @Nullable Double frequency_penalty,
                   @Nullable Boolean isContinued, @Nullable Boolean isRegenerate, @Nullable Boolean isTemporary,
                   @Nullable String overrideParentMessageId, @Nullable String responseMessageId,
                   @Nullable EditedContent editedContent, @Nullable List<Map<String, Object>> files,
                   @Nullable String chatProjectId, @Nullable String recoverySteerId) {

    /** An edit of one content part of the response before it is continued. */
    record EditedContent(@Nullable Integer index, String type, @Nullable String text, @Nullable String think) {
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

    private static void put(Map<String, Object> out, String name, @Nullable Object value) {
        if (value != null) {
            out.put(name, value);
        }
    }
}
