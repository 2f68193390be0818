package io.parley.agent.support;

/** An answer that is one sentence, e.g. LibreChat's {@code {"message":"Agent deleted"}}. */
public record Message(String message) {
}
