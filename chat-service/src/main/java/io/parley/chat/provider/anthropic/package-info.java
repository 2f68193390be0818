/**
 * Anthropic's Messages wire format. Calls only the root {@code provider} API, {@code provider.http} and
 * {@code provider.wire}.
 */
@NullMarked
package io.parley.chat.provider.anthropic;

import org.jspecify.annotations.NullMarked;
