/**
 * The model providers' wire protocols (OpenAI, Anthropic, Google) over HTTP: one answer streamed or
 * whole, with retries, timeouts and cancellation. Calls nothing else of chat-service; the rest of it
 * calls in.
 */
@NullMarked
package io.parley.chat.provider;

import org.jspecify.annotations.NullMarked;
