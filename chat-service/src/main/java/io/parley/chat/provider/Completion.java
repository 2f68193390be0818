package io.parley.chat.provider;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A finished answer.
 *
 * @param reasoning    the model's shown reasoning, or null when it showed none
 * @param usage        token counts the provider reported, or null when it reported none
 * @param finishReason the provider's reason ({@code stop}, {@code length}, {@code end_turn}, …), may be null
 * @param toolCalls    the tools the model asked to call, in its order; empty when it answered
 */
public record Completion(String text, @Nullable String reasoning, @Nullable Usage usage, @Nullable String finishReason,
                         List<ModelRequest.ToolCall> toolCalls) {

    public Completion {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    public Completion(String text, @Nullable String reasoning, @Nullable Usage usage, @Nullable String finishReason) {
        this(text, reasoning, usage, finishReason, List.of());
    }

    public record Usage(int promptTokens, int completionTokens) {
    }
}
