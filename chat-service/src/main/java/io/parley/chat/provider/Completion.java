package io.parley.chat.provider;

/**
 * A finished answer.
 *
 * @param usage        token counts the provider reported, or null when it reported none
 * @param finishReason the provider's reason ({@code stop}, {@code length}, {@code end_turn}, …), may be null
 */
public record Completion(String text, String reasoning, Usage usage, String finishReason) {

    public record Usage(int promptTokens, int completionTokens) {
    }
}
