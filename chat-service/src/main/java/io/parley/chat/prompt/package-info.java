/**
 * The prompt library ({@code /api/prompts}, {@code /api/categories}): groups, their versions and who may use them,
 * as auth-service's ACL says through {@link io.parley.common.access.AccessClient}; account erasure reaches it
 * through {@link io.parley.chat.prompt.Prompts} only, and the feature calls no other feature of chat-service.
 */
@NullMarked
package io.parley.chat.prompt;

import org.jspecify.annotations.NullMarked;
