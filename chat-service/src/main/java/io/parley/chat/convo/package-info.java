/**
 * Conversations: the {@code /api/convos} routes and {@code Convos}, the domain API other features use to
 * find, touch, tag, insert and erase conversations, as {@code Conversation} records ({@code ConversationDocuments}
 * is the one mapping to and from the stored documents). Deleting one removes its shared links and then
 * its messages first, through {@code ConversationLinks} (the share feature's) and {@code ConversationMessages} (the
 * message feature's); calls {@code search} and {@code support}.
 */
@NullMarked
package io.parley.chat.convo;

import org.jspecify.annotations.NullMarked;
