package io.parley.chat.share;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.parley.chat.convo.Convos;
import io.parley.chat.message.Messages;
import io.parley.chat.support.Ids;
import io.parley.chat.support.PageRequest;
import io.parley.common.access.RolesClient;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * A person's shared links: publishing a snapshot of one of their conversations (or of a branch up to a
 * message), listing, refreshing and deleting their links, and reading a link as its readers see it.
 * Making or refreshing a link needs the role permission SHARED_LINKS.CREATE; a link is public when the
 * owner's role has SHARED_LINKS.SHARE_PUBLIC, else only its owner reads it (LibreChat 0.8.8 grants the
 * public's view on creation by the same permission).
 */
@Component
public class SharedLinks {

    static final String PERMISSION_TYPE = "SHARED_LINKS";
    static final String NOT_FOUND = "Share not found";
    private static final Logger log = LoggerFactory.getLogger(SharedLinks.class);

    private final SharedLinkStore links;
    private final Convos convos;
    private final Messages messages;
    private final RolesClient roles;
    private final ShareProperties properties;

    SharedLinks(SharedLinkStore links, Convos convos, Messages messages, RolesClient roles, ShareProperties properties) {
        this.links = links;
        this.convos = convos;
        this.messages = messages;
        this.roles = roles;
        this.properties = properties;
    }

    /** One item of the person's list. */
    record Item(String shareId, String conversationId, String title, boolean isPublic, Instant createdAt, Instant updatedAt) {
    }

    /** LibreChat's page of links; {@code nextCursor} is left out on the last page. */
    record Page(List<Item> links, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String nextCursor,
                boolean hasNextPage) {
    }

    /** The conversation's link, as the share dialog asks for it: {@code success} false and no ids when there is none. */
    record LinkStatus(@JsonProperty("_id") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String id, boolean success,
                      @Nullable String shareId,
                      @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String targetMessageId, String conversationId) {
    }

    /** A link made or refreshed. */
    record Published(@JsonProperty("_id") String id, String shareId, String conversationId,
                     @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String targetMessageId) {

        static Published of(SharedLink link) {
            return new Published(link.id(), link.shareId(), link.conversationId(), link.targetMessageId());
        }
    }

    record Deleted(@JsonProperty("_id") String id, boolean success, String shareId, String message) {
    }

    /**
     * @param isPublic null for all the person's links
     * @param search   words of the title, null for all
     */
    Page list(CurrentUser caller, @Nullable Boolean isPublic, @Nullable String search, PageRequest page) {
        SharedLinkStore.Listed listed = links.page(caller.tenantId(), caller.id(), isPublic, search, page);
        return new Page(listed.links().stream().map(l -> new Item(l.shareId(), l.conversationId(), l.title(), l.isPublic(),
                l.createdAt(), l.updatedAt())).toList(), listed.nextCursor(), listed.nextCursor() != null);
    }

    /** Another person's conversation reads as one without a link, as in LibreChat. */
    LinkStatus linkOf(CurrentUser caller, String conversationId) {
        String id = Ids.requireUuid("conversationId", conversationId);
        return links.latest(caller.tenantId(), caller.id(), id)
                .map(l -> new LinkStatus(l.id(), true, l.shareId(), l.targetMessageId(), conversationId))
                .orElseGet(() -> new LinkStatus(null, false, null, null, conversationId));
    }

    /**
     * Publishes the caller's conversation. The conversation is checked before the body, so another person's
     * id is 404 whatever the body holds, and nothing is stored.
     *
     * @throws ApiException.Forbidden  without SHARED_LINKS.CREATE
     * @throws ApiException.NotFound   when the caller has no such conversation, or it has no such target message
     * @throws ApiException.Conflict   when a link of the conversation (and target) exists
     * @throws ApiException.Invalid    for a bad id or body, or a conversation without messages
     */
    Published create(CurrentUser caller, String conversationId, @Nullable Map<String, Object> body) {
        roles.require(PERMISSION_TYPE, "CREATE");
        String convoId = Ids.requireUuid("conversationId", conversationId);
        Document convo = convos.find(caller.tenantId(), caller.id(), convoId)
                .orElseThrow(() -> new ApiException.NotFound("Conversation not found"));
        PublishRequest request = PublishRequest.of(body);
        if (links.exists(caller.tenantId(), caller.id(), convoId, request.targetMessageId())) {
            throw exists();
        }
        List<Document> all = conversationMessages(caller, convoId);
        if (request.targetMessageId() != null && !contains(all, request.targetMessageId())) {
            throw targetNotFound();
        }
        boolean isPublic = roles.allows(PERMISSION_TYPE, "SHARE_PUBLIC");
        String title = convo.get("title") instanceof String t && !t.isBlank() ? t : "Untitled";
        try {
            SharedLink link = links.insert(caller.tenantId(), caller.id(), convoId, title, isPublic, request.targetMessageId(),
                    ids(all));
            log.info("Conversation shared tenant_id={} user_id={} convo_id={} public={}", caller.tenantId(), caller.id(),
                    convoId, isPublic);
            return Published.of(link);
        } catch (DuplicateKeyException raced) {
            throw exists();
        }
    }

    /**
     * A new snapshot of the link's conversation under the same address (LibreChat 0.8.8: "the same URL will
     * include the latest messages"). Without a target in the body, a stored target moves down to its branch's
     * newest message.
     */
    Published update(CurrentUser caller, String shareId, @Nullable Map<String, Object> body) {
        roles.require(PERMISSION_TYPE, "CREATE");
        SharedLink link = links.findOwned(caller.tenantId(), caller.id(), ShareIds.requireShareId(shareId))
                .orElseThrow(SharedLinks::notFound);
        PublishRequest request = PublishRequest.of(body);
        List<Document> all = conversationMessages(caller, link.conversationId());
        String target = request.targetMessageId() != null ? request.targetMessageId() : link.targetMessageId();
        if (target != null && !contains(all, target)) {
            throw targetNotFound();
        }
        if (request.targetMessageId() == null && target != null) {
            target = SharedBranch.tail(nodes(all), target);
        }
        try {
            return links.refresh(caller.tenantId(), caller.id(), link.shareId(), target, ids(all)).map(Published::of)
                    .orElseThrow(SharedLinks::notFound);
        } catch (DuplicateKeyException taken) {
            throw exists();
        }
    }

    Deleted delete(CurrentUser caller, String shareId) {
        SharedLink gone = links.delete(caller.tenantId(), caller.id(), ShareIds.requireShareId(shareId))
                .orElseThrow(SharedLinks::notFound);
        log.info("Shared link deleted tenant_id={} user_id={} convo_id={}", caller.tenantId(), caller.id(), gone.conversationId());
        return new Deleted(gone.id(), true, gone.shareId(), "Share deleted successfully");
    }

    /**
     * The link of {@code shareId} in the tenant, as a reader sees it: its owner always; anyone signed in to
     * the tenant when it is public; and people who are not signed in too when {@code ALLOW_SHARED_LINKS_PUBLIC}
     * is on. The messages are those of the snapshot still in the conversation, cut to the target's branch.
     *
     * @param reader empty for someone not signed in
     * @throws ApiException.NotFound     when the tenant has no such link
     * @throws ApiException.Unauthorized when the link needs a signed-in reader
     * @throws ApiException.Forbidden    when it is not public and the reader is not its owner
     */
    SharedConversation read(String tenantId, Optional<CurrentUser> reader, String shareId) {
        SharedLink link = links.find(tenantId, ShareIds.requireShareId(shareId)).orElseThrow(SharedLinks::notFound);
        boolean owner = reader.map(r -> r.id().equals(link.user())).orElse(false);
        if (!owner) {
            if (reader.isEmpty() && !(link.isPublic() && properties.publicLinks())) {
                throw new ApiException.Unauthorized("Authentication required");
            }
            if (!link.isPublic()) {
                throw new ApiException.Forbidden("forbidden", "You do not have permission to view this shared link");
            }
        }
        Set<String> snapshot = new HashSet<>(link.messageIds());
        List<Document> shared = messages.inConversation(tenantId, link.user(), link.conversationId()).stream()
                .filter(m -> snapshot.contains(m.get("messageId"))).toList();
        if (link.targetMessageId() != null) {
            List<String> branch = SharedBranch.upToTarget(nodes(shared), link.targetMessageId());
            Map<Object, Document> byId = new HashMap<>();
            shared.forEach(m -> byId.put(m.get("messageId"), m));
            shared = branch.stream().map(byId::get).toList();
        }
        return new Anonymizer().conversation(link, shared);
    }

    /** Account erasure: all of the person's links. */
    public long deleteAllOf(String tenantId, String user) {
        return links.deleteAll(tenantId, user);
    }

    private List<Document> conversationMessages(CurrentUser caller, String conversationId) {
        List<Document> all = messages.inConversation(caller.tenantId(), caller.id(), conversationId);
        if (all.isEmpty()) {
            throw new ApiException.Invalid("No messages to share");
        }
        return all;
    }

    private static boolean contains(List<Document> messages, String messageId) {
        return messages.stream().anyMatch(m -> messageId.equals(m.get("messageId")));
    }

    private static List<String> ids(List<Document> messages) {
        return messages.stream().map(m -> m.get("messageId")).filter(String.class::isInstance).map(String.class::cast).toList();
    }

    private static List<SharedBranch.Node> nodes(List<Document> messages) {
        return messages.stream().filter(m -> m.get("messageId") instanceof String).map(m -> new SharedBranch.Node(
                m.getString("messageId"), m.get("parentMessageId") instanceof String p ? p : null,
                m.get("createdAt") instanceof Date d ? d.getTime() : 0L)).toList();
    }

    private static ApiException exists() {
        return new ApiException.Conflict("Share already exists");
    }

    private static ApiException targetNotFound() {
        return new ApiException.NotFound("Target message not found");
    }

    static ApiException notFound() {
        return new ApiException.NotFound(NOT_FOUND);
    }
}
