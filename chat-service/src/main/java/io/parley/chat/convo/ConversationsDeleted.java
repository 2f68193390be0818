package io.parley.chat.convo;

import java.util.Set;

/**
 * Published after conversations are deleted, with the tags they carried (whose counts change);
 * {@code tags} is null when all of the user's conversations went.
 */
public record ConversationsDeleted(String tenantId, String user, Set<String> tags) {
}
