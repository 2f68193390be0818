package io.parley.chat.share;

import io.parley.chat.convo.ConversationLinks;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Removes the links of conversations their owner deletes, then the links' ACL entries: the links go
 * first, so a crash in between leaves entries that grant access to nothing, never a readable link.
 * Runs for the signed-in owner, whose token auth-service needs to remove the entries.
 */
@Component
class ConversationLinkRemoval implements ConversationLinks {

    private final SharedLinkStore links;
    private final ShareAccess access;

    ConversationLinkRemoval(SharedLinkStore links, ShareAccess access) {
        this.links = links;
        this.access = access;
    }

    @Override
    public long deleteConversation(String tenantId, String user, String conversationId) {
        List<String> withEntries = links.withEntries(tenantId, user, conversationId);
        long removed = links.deleteConversation(tenantId, user, conversationId);
        withEntries.forEach(access::deleted);
        return removed;
    }

    @Override
    public long deleteAll(String tenantId, String user) {
        List<String> withEntries = links.withEntries(tenantId, user, null);
        long removed = links.deleteAll(tenantId, user);
        withEntries.forEach(access::deleted);
        return removed;
    }
}
