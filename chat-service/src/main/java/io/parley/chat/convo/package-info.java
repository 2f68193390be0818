/**
 * Conversations: the {@code /api/convos} routes and {@code Convos}, the domain API other features use to
 * find, touch, tag, insert and erase conversations. Deleting one removes its messages first through
 * {@code ConversationMessages}, which the message feature provides; calls {@code search} and {@code support}.
 */
@NullMarked
package io.parley.chat.convo;

import org.jspecify.annotations.NullMarked;
