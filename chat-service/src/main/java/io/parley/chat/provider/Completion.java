package io.parley.chat.provider;

import java.util.List;

/**
 * A finished answer.
 *
 * @param usage        token counts the provider reported, or null when it reported none
 * @param finishReason the provider's reason ({@code stop}, {@code length}, {@code end_turn}, …), may be null
 * @param toolCalls    the tools the model asked to call, in its order; empty when it answered
 */
public record Completion(String text, String reasoning, Usage usage, String finishReason,
                         List<ModelRequest.ToolCall> toolCalls) {

    public Completion {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    public Completion(String text, String reasoning, Usage usage, String finishReason) {
        this(text, reasoning, usage, finishReason, List.of());
    }

    public record Usage(int promptTokens, int completionTokens) {
    }
}
