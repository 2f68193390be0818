package io.parley.chat.share;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.parley.chat.convo.Conversation;
import io.parley.chat.convo.Convos;
import io.parley.chat.message.Message;
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
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * A person's shared links: publishing a snapshot of one of their conversations (or of a branch up to a
 * message), listing, refreshing and deleting their links, and reading a link as its readers see it.
 * Making or refreshing a link needs the role permission SHARED_LINKS.CREATE. Like LibreChat 0.8.8, a link
 * is a resource of auth-service's ACL (type {@code sharedLink}): its creator is granted its owner, and
 * when their role has SHARED_LINKS.SHARE_PUBLIC the public is granted its viewer; who else may read it
 * is shared through {@code /api/permissions/sharedLink/:id}, which SHARED_LINKS.SHARE and SHARE_PUBLIC gate.
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
    private final ShareAccess access;
    private final ShareProperties properties;

    SharedLinks(SharedLinkStore links, Convos convos, Messages messages, RolesClient roles, ShareAccess access,
                ShareProperties properties) {
        this.links = links;
        this.access = access;
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
        access.publicLinks().ifPresent(open -> links.syncPublic(caller.tenantId(), caller.id(), open));
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
        Conversation convo = convos.find(caller.tenantId(), caller.id(), convoId)
                .orElseThrow(() -> new ApiException.NotFound("Conversation not found"));
        PublishRequest request = PublishRequest.of(body);
        if (links.exists(caller.tenantId(), caller.id(), convoId, request.targetMessageId())) {
            throw exists();
        }
        List<Message> all = conversationMessages(caller, convoId);
        if (request.targetMessageId() != null && !contains(all, request.targetMessageId())) {
            throw targetNotFound();
        }
        String title = convo.title() != null && !convo.title().isBlank() ? convo.title() : "Untitled";
        ObjectId id = new ObjectId();
        // the entries first: a link stored without its owner's entry could not be shared
        access.created(id.toHexString());
        boolean stored = false;
        try {
            boolean isPublic = roles.allows(PERMISSION_TYPE, "SHARE_PUBLIC") && access.sharePublicly(id.toHexString());
            SharedLink link = links.insert(id, caller.tenantId(), caller.id(), convoId, title, isPublic,
                    request.targetMessageId(), ids(all));
            stored = true;
            log.info("Conversation shared tenant_id={} user_id={} convo_id={} public={}", caller.tenantId(), caller.id(),
                    convoId, isPublic);
            return Published.of(link);
        } catch (DuplicateKeyException raced) {
            throw exists();
        } finally {
            if (!stored) {
                access.deleted(id.toHexString());
            }
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
        List<Message> all = conversationMessages(caller, link.conversationId());
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

    /** The link goes before its ACL entries, which then grant access to nothing should their removal fail. */
    Deleted delete(CurrentUser caller, String shareId) {
        SharedLink gone = links.delete(caller.tenantId(), caller.id(), ShareIds.requireShareId(shareId))
                .orElseThrow(SharedLinks::notFound);
        if (gone.acl()) {
            access.deleted(gone.id());
        }
        log.info("Shared link deleted tenant_id={} user_id={} convo_id={}", caller.tenantId(), caller.id(), gone.conversationId());
        return new Deleted(gone.id(), true, gone.shareId(), "Share deleted successfully");
    }

    /**
     * The link of {@code shareId} in the tenant, as a reader sees it: its owner always; anyone signed in to
     * the tenant whom the ACL gives VIEW on it (themselves, a group or role of theirs, or the public); and
     * people who are not signed in when it is public and {@code ALLOW_SHARED_LINKS_PUBLIC} is on. A reader
     * without access is told there is no such link, as someone of another tenant is. The messages are those of the snapshot still in the conversation, cut to the target's branch.
     *
     * @param reader empty for someone not signed in
     * @throws ApiException.NotFound     when the tenant has no such link, or the signed-in reader may not view it
     * @throws ApiException.Unauthorized when the link needs a signed-in reader
     */
    SharedConversation read(String tenantId, Optional<CurrentUser> reader, String shareId) {
        SharedLink link = links.find(tenantId, ShareIds.requireShareId(shareId)).orElseThrow(SharedLinks::notFound);
        if (reader.isEmpty()) {
            // no token to ask the ACL with: the public's entry as last seen decides
            if (!(link.isPublic() && properties.publicLinks())) {
                throw new ApiException.Unauthorized("Authentication required");
            }
        } else if (!reader.get().id().equals(link.user()) && !mayView(tenantId, link)) {
            throw notFound();
        }
        Set<String> snapshot = new HashSet<>(link.messageIds());
        List<Message> shared = messages.inConversation(tenantId, link.user(), link.conversationId()).stream()
                .filter(m -> snapshot.contains(m.messageId())).toList();
        if (link.targetMessageId() != null) {
            List<String> branch = SharedBranch.upToTarget(nodes(shared), link.targetMessageId());
            Map<String, Message> byId = new HashMap<>();
            shared.forEach(m -> byId.put(m.messageId(), m));
            shared = branch.stream().map(byId::get).toList();
        }
        return new Anonymizer().conversation(link, shared);
    }

    /** A link made before the ACL is readable by all of the tenant when it was made public. */
    private boolean mayView(String tenantId, SharedLink link) {
        if (!link.acl()) {
            return link.isPublic();
        }
        ShareAccess.Reach reach = access.reach(link.id());
        if (reach.open() != link.isPublic()) {
            links.setPublic(tenantId, link.id(), reach.open());
        }
        return reach.viewer();
    }

    /**
     * Account erasure: all of the person's links. There is no token to remove their ACL entries with;
     * auth-service drops the person's own entries with the account, and the rest name links that are gone.
     */
    public long deleteAllOf(String tenantId, String user) {
        return links.deleteAll(tenantId, user);
    }

    private List<Message> conversationMessages(CurrentUser caller, String conversationId) {
        List<Message> all = messages.inConversation(caller.tenantId(), caller.id(), conversationId);
        if (all.isEmpty()) {
            throw new ApiException.Invalid("No messages to share");
        }
        return all;
    }

    private static boolean contains(List<Message> messages, String messageId) {
        return messages.stream().anyMatch(m -> messageId.equals(m.messageId()));
    }

    private static List<String> ids(List<Message> messages) {
        return messages.stream().map(Message::messageId).filter(Objects::nonNull).toList();
    }

    private static List<SharedBranch.Node> nodes(List<Message> messages) {
        return messages.stream().filter(m -> m.messageId() != null).map(m -> new SharedBranch.Node(
                m.messageId(), m.parentMessageId(), m.createdAt() != null ? m.createdAt().toEpochMilli() : 0L)).toList();
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
