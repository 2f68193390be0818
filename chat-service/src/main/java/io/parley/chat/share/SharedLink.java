package io.parley.chat.share;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One shared link (LibreChat's {@code SharedLink}) as stored.
 *
 * @param id              the document's id (hex), LibreChat's {@code _id}
 * @param user            the owner, who shared their conversation
 * @param shareId         the random id in the link's address
 * @param title           the conversation's title when it was shared
 * @param isPublic        whether everyone signed in to the tenant may read it: the public's entry on the
 *                        link in auth-service's ACL, as last seen (for a link made before the ACL, the
 *                        owner's role had SHARED_LINKS.SHARE_PUBLIC when it was made)
 * @param targetMessageId the branch's last message when only a branch is shared; null for the whole conversation
 * @param messageIds      the conversation's messages when the link was made or last updated: messages added
 *                        afterwards stay private, edits to these show
 * @param acl             whether the link has entries in auth-service's ACL (links made before it have none)
 */
record SharedLink(String id, String user, String conversationId, String shareId, String title, boolean isPublic,
                  @Nullable String targetMessageId, List<String> messageIds, Instant createdAt, Instant updatedAt,
                  boolean acl) {
}
