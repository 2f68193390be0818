/**
 * What a model call is, for the rest of chat-service: {@link ModelProvider} (the interface a turn calls),
 * the request and answer types, cancellation and failures. The wire formats live in {@code openai},
 * {@code anthropic} and {@code google} over the shared plumbing in {@code http} and {@code wire};
 * {@code connect} picks one for a connection. Calls nothing else of chat-service; the rest of it calls in.
 */
@NullMarked
package io.parley.chat.provider;

import org.jspecify.annotations.NullMarked;
