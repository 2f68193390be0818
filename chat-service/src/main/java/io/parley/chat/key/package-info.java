/**
 * Users' own API keys for {@code user_provided} endpoints ({@code /api/keys}), sealed at rest and never answered;
 * chat turns and account erasure reach them through {@link io.parley.chat.key.UserKeys} only, and the feature
 * calls nothing of chat-service's other features.
 */
@NullMarked
package io.parley.chat.key;

import org.jspecify.annotations.NullMarked;
