/**
 * Saved presets ({@code /api/presets}): LibreChat's conversation settings kept per user, unique ids per tenant;
 * account erasure reaches them through {@link io.parley.chat.preset.Presets} only, and the feature calls
 * nothing of chat-service but the shared helpers of {@code io.parley.chat.support}.
 */
@NullMarked
package io.parley.chat.preset;

import org.jspecify.annotations.NullMarked;
