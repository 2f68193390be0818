/**
 * LibreChat's shared links ({@code /api/share}): a person publishes a snapshot of one of their conversations
 * under a random id, and those auth-service's ACL lets view it read it anonymized; the links go with their
 * conversation and with the account.
 * Calls {@code convo}, {@code message} and {@code support}; {@code convo} reaches it only through
 * {@link io.parley.chat.convo.ConversationLinks}, {@code account} through {@link io.parley.chat.share.SharedLinks}.
 */
@NullMarked
package io.parley.chat.share;

import org.jspecify.annotations.NullMarked;
