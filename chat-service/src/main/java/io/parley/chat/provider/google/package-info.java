/**
 * Google's Gemini ({@code generateContent}) wire format. Calls only the root {@code provider} API,
 * {@code provider.http} and {@code provider.wire}.
 */
@NullMarked
package io.parley.chat.provider.google;

import org.jspecify.annotations.NullMarked;
