package io.parley.chat.provider.wire;

/**
 * One entry of a chat protocol's {@code messages} that is only text ({@code {"role", "content"}}), as
 * OpenAI's and Anthropic's request bodies both take it.
 */
public record TextMessage(String role, String content) {
}
