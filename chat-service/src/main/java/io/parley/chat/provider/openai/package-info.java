/**
 * OpenAI's Chat Completions wire format, spoken by OpenAI and most custom endpoints. Calls only the root
 * {@code provider} API, {@code provider.http} and {@code provider.wire}.
 */
@NullMarked
package io.parley.chat.provider.openai;

import org.jspecify.annotations.NullMarked;
