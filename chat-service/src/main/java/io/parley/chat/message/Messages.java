package io.parley.chat.message;

import io.parley.chat.convo.Convos;
import io.parley.chat.message.MessageRequests.ArtifactEdit;
import io.parley.chat.message.MessageRequests.Rating;
import io.parley.chat.message.MessageRequests.TextChange;
import io.parley.chat.search.ChatSearch;
import io.parley.chat.support.ApiDocs;
import io.parley.chat.support.Ids;
import io.parley.chat.support.PageRequest;
import io.parley.chat.support.SafeDocuments;
import io.parley.chat.support.TokenCounter;
import io.parley.common.error.ApiException;
import io.parley.common.paging.Keyset;
import io.parley.common.security.CurrentUser;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Collection;
import java.util.Map;
import org.bson.types.ObjectId;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** Saving, reading, editing and deleting the messages of a person's conversations. */
@Component
public class Messages {

    /** Longest text of one message: well above any model's output, far below the body limit. */
    static final int MAX_TEXT = 500_000;
    static final int MAX_SHORT = 256;
    static final int MAX_PARTS = 1_000;
    private static final Set<String> EDITABLE_PARTS = Set.of("text", "think");

    private final MessageStore messages;
    private final Convos convos;
    private final TokenCounter tokens;
    private final ChatSearch search;

    Messages(MessageStore messages, Convos convos, TokenCounter tokens, ChatSearch search) {
        this.messages = messages;
        this.convos = convos;
        this.tokens = tokens;
        this.search = search;
    }

    /**
     * Saves the caller's message into the caller's conversation (made on its first message). Either id
     * held by another user of the tenant is 404, checked before the rest of the body is read, and nothing is
     * stored.
     *
     * @param messageId the id the body names, read once the conversation is known not to be another person's
     * @param body      the message, read once neither id is another person's
     */
    Map<String, Object> save(CurrentUser caller, String conversationId, Supplier<@Nullable String> messageId,
                             Supplier<MessageInput> body) {
        String convoId = Ids.requireUuid("conversationId", conversationId);
        convos.requireNotAnothers(caller.tenantId(), caller.id(), convoId);
        String id = Ids.requireUuid("messageId", messageId.get());
        messages.requireNotAnothers(caller.tenantId(), caller.id(), id);
        MessageInput input = body.get();
        if (input.conversationId() != null && !input.conversationId().equalsIgnoreCase(convoId)) {
            throw new ApiException.Invalid("Conversation ID mismatch");
        }
        String parent = input.parentMessageId() == null ? Ids.NO_PARENT : Ids.requireUuid("parentMessageId", input.parentMessageId());
        String text = input.text() == null ? "" : input.text();
        safeParts("content", input.content());
        safeParts("files", input.files());
        safeParts("attachments", input.attachments());

        Map<String, Object> convoFields = new HashMap<>();
        convoFields.put("endpoint", input.endpoint());
        convoFields.put("model", input.model());
        convos.touch(caller.tenantId(), caller.id(), convoId, convoFields);

        Date now = new Date();
        Document message = new Document("tenantId", caller.tenantId()).append("user", caller.id())
                .append("messageId", id).append("conversationId", convoId).append("parentMessageId", parent)
                .append("sender", input.sender() == null ? (Boolean.TRUE.equals(input.isCreatedByUser()) ? "User" : "") : input.sender())
                .append("text", text)
                .append("isCreatedByUser", Boolean.TRUE.equals(input.isCreatedByUser()))
                .append("model", input.model()).append("endpoint", input.endpoint())
                .append("error", Boolean.TRUE.equals(input.error())).append("unfinished", Boolean.TRUE.equals(input.unfinished()))
                .append("tokenCount", input.tokenCount() != null ? input.tokenCount() : tokens.count(text + partsText(input.content())))
                .append("createdAt", now).append("updatedAt", now);
        if (input.content() != null) {
            message.append("content", input.content());
        }
        if (input.files() != null) {
            message.append("files", input.files());
        }
        if (input.attachments() != null) {
            message.append("attachments", input.attachments());
        }
        if (input.iconURL() != null) {
            message.append("iconURL", input.iconURL());
        }
        return view(messages.save(message));
    }

    List<Map<String, Object>> inConversation(CurrentUser caller, String conversationId) {
        if (Ids.NEW_CONVO.equals(conversationId)) {
            return List.of();
        }
        String convoId = ownedConversation(caller, conversationId);
        return messages.inConversation(caller.tenantId(), caller.id(), convoId).stream().map(Messages::view).toList();
    }

    /** LibreChat answers an array of zero or one. */
    List<Map<String, Object>> one(CurrentUser caller, String conversationId, String messageId) {
        String convoId = ownedConversation(caller, conversationId);
        return messages.find(caller.tenantId(), caller.id(), convoId, Ids.requireUuid("messageId", messageId))
                .map(Messages::view).stream().toList();
    }

    record Page(List<Map<String, Object>> messages, String nextCursor) {
    }

    /** {@code GET /api/messages}: one message, a conversation's page, a search, or nothing. */
    Page query(CurrentUser caller, String conversationId, String messageId, String search, PageRequest page) {
        if (conversationId != null && messageId != null) {
            return new Page(one(caller, conversationId, messageId), null);
        }
        if (conversationId != null) {
            String convoId = ownedConversation(caller, conversationId);
            List<Document> found = messages.page(caller.tenantId(), caller.id(), convoId, page);
            Keyset.Page shown = page.order().page(found, page.size());
            return new Page(shown.items().stream().map(Messages::view).toList(), shown.nextCursor());
        }
        if (search != null) {
            List<Map<String, Object>> hits = new ArrayList<>();
            Map<String, Optional<Document>> titles = new HashMap<>();
            for (Document hit : this.search.messages(caller.tenantId(), caller.id(), search, page.size())) {
                Map<String, Object> view = view(hit);
                String convoId = hit.getString("conversationId");
                titles.computeIfAbsent(convoId, id -> convos.find(caller.tenantId(), caller.id(), id))
                        .ifPresent(convo -> view.put("title", convo.getString("title")));
                hits.add(view);
            }
            return new Page(hits, null);
        }
        return new Page(List.of(), null);
    }

    /**
     * Replaces the whole text, or (with {@code index}) the text of one text/think content part.
     *
     * @param body read once the message is known to be the caller's
     */
    Map<String, Object> update(CurrentUser caller, String conversationId, String messageId, Supplier<TextChange> body) {
        String convoId = Ids.requireUuid("conversationId", conversationId);
        String id = Ids.requireUuid("messageId", messageId);
        Document current = messages.find(caller.tenantId(), caller.id(), convoId, id).orElseThrow(Messages::notFound);
        TextChange change = body.get();
        String text = change.text();
        Integer index = change.index();
        Update update = new Update();
        if (index == null) {
            update.set("text", text).set("tokenCount", tokens.count(text));
        } else {
            List<Document> parts = current.getList("content", Document.class, List.of());
            if (index < 0 || index >= parts.size()) {
                throw new ApiException.Invalid("Invalid index");
            }
            String type = parts.get(index).getString("type");
            if (!EDITABLE_PARTS.contains(type)) {
                throw new ApiException.Invalid("Cannot update non-text content");
            }
            List<Document> edited = new ArrayList<>(parts);
            edited.set(index, new Document(parts.get(index)).append(type, text));
            String all = current.getString("text") + partsText(edited);
            update.set("content", edited).set("tokenCount", tokens.count(all));
        }
        Document saved = messages.set(caller.tenantId(), caller.id(), convoId, id, update)
                .orElseThrow(Messages::notFound);
        Map<String, Object> out = new LinkedHashMap<>();
        for (String field : List.of("messageId", "conversationId", "parentMessageId", "sender", "text", "isCreatedByUser",
                "tokenCount", "feedback", "endpoint", "content")) {
            out.put(field, ApiDocs.value(saved.get(field)));
        }
        return out;
    }

    /** @param feedback read once the message is known to be the caller's; null clears it */
    Map<String, Object> feedback(CurrentUser caller, String conversationId, String messageId,
                                 Supplier<@Nullable Rating> feedback) {
        String convoId = Ids.requireUuid("conversationId", conversationId);
        String id = Ids.requireUuid("messageId", messageId);
        messages.find(caller.tenantId(), caller.id(), convoId, id).orElseThrow(Messages::notFound);
        Document stored = Feedback.stored(feedback.get());
        Update update = stored == null ? new Update().unset("feedback") : new Update().set("feedback", stored);
        Document saved = messages.set(caller.tenantId(), caller.id(), convoId, id, update).orElseThrow(Messages::notFound);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("messageId", saved.getString("messageId"));
        out.put("conversationId", saved.getString("conversationId"));
        out.put("feedback", saved.get("feedback") == null ? null : ApiDocs.of((Document) saved.get("feedback")));
        return out;
    }

    /**
     * Replaces {@code original} with {@code updated} inside the {@code index}-th artifact of the message
     * (counted through its text parts, or its text when it has none).
     */
    Map<String, Object> editArtifact(CurrentUser caller, String messageId, Supplier<ArtifactEdit> body) {
        Document message = messages.findAnywhere(caller.tenantId(), caller.id(), Ids.requireUuid("messageId", messageId))
                .orElseThrow(Messages::notFound);
        ArtifactEdit edit = body.get();
        Integer index = edit.index();
        String original = edit.original();
        String updated = edit.updated();
        // LibreChat's one answer to any of these, which its client shows as it is
        if (index == null || index < 0 || original == null || original.isEmpty() || updated == null
                || updated.length() > MAX_TEXT) {
            throw new ApiException.Invalid("Invalid request parameters");
        }
        String conversationId = message.getString("conversationId");
        List<Document> parts = message.getList("content", Document.class, List.of());
        Update update = new Update();
        int seen = 0;
        if (parts.stream().anyMatch(p -> "text".equals(p.getString("type")))) {
            List<Document> edited = new ArrayList<>(parts);
            for (int i = 0; i < edited.size(); i++) {
                Document part = edited.get(i);
                if (!"text".equals(part.getString("type")) || part.getString("text") == null) {
                    continue;
                }
                List<int[]> blocks = Artifacts.find(part.getString("text"));
                if (index < seen + blocks.size()) {
                    edited.set(i, new Document(part).append("text",
                            Artifacts.replace(part.getString("text"), blocks.get(index - seen), original, updated)));
                    update.set("content", edited);
                    break;
                }
                seen += blocks.size();
            }
        } else {
            String text = message.getString("text") == null ? "" : message.getString("text");
            List<int[]> blocks = Artifacts.find(text);
            if (index < blocks.size()) {
                update.set("text", Artifacts.replace(text, blocks.get(index), original, updated));
            }
        }
        if (update.getUpdateObject().isEmpty()) {
            throw new ApiException.Invalid("Artifact index out of bounds");
        }
        Document saved = messages.set(caller.tenantId(), caller.id(), conversationId, message.getString("messageId"), update)
                .orElseThrow(Messages::notFound);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("conversationId", conversationId);
        out.put("content", ApiDocs.value(saved.get("content")));
        out.put("text", saved.getString("text"));
        return out;
    }

    void delete(CurrentUser caller, String conversationId, String messageId) {
        long deleted = messages.delete(caller.tenantId(), caller.id(), Ids.requireUuid("conversationId", conversationId),
                Ids.requireUuid("messageId", messageId));
        if (deleted == 0) {
            throw notFound();
        }
    }

    private String ownedConversation(CurrentUser caller, String conversationId) {
        String convoId = Ids.requireUuid("conversationId", conversationId);
        if (convos.find(caller.tenantId(), caller.id(), convoId).isEmpty()) {
            throw new ApiException.NotFound("Conversation not found");
        }
        return convoId;
    }

    private static ApiException notFound() {
        return new ApiException.NotFound(MessageStore.NOT_FOUND);
    }

    /** A message as the client reads it (LibreChat's projection leaves out {@code _id} and {@code user}). */
    static Map<String, Object> view(Document message) {
        return ApiDocs.of(message, "_id", "user");
    }

    private static String partsText(List<? extends Map<String, Object>> parts) {
        if (parts == null) {
            return "";
        }
        StringBuilder all = new StringBuilder();
        for (Map<String, Object> part : parts) {
            for (String key : EDITABLE_PARTS) {
                if (part.get(key) instanceof String s) {
                    all.append(' ').append(s);
                }
            }
        }
        return all.toString();
    }

    /** Parts are stored as sent: no operator keys ({@code $…}) and no dotted keys. */
    private static void safeParts(String field, @Nullable List<Map<String, Object>> parts) {
        if (parts != null) {
            SafeDocuments.check(field, parts);
        }
    }

    // What other features ask of messages (turns, forks, imports, account erasure).

    /**
     * Inserts, or replaces the person's message with the same id (LibreChat saves by upsert).
     *
     * @throws ApiException.NotFound when another user of the tenant has this message id
     */
    public Document save(Document message) {
        return messages.save(message);
    }

    /** A message with an id made just now (a turn's request and response): one insert, no lookup. */
    public Document insertNew(Document message) {
        return messages.insertNew(message);
    }

    /** The conversation's messages, oldest first. */
    public List<Document> inConversation(String tenantId, String user, String conversationId) {
        return messages.inConversation(tenantId, user, conversationId);
    }

    /**
     * The message ids of the person's messages among these stored ids ({@code _id}), by {@code _id} as hex:
     * LibreChat's shared links name messages by document id.
     */
    public Map<String, String> messageIdsOf(String tenantId, String user, Collection<ObjectId> documentIds) {
        return messages.messageIdsOf(tenantId, user, documentIds);
    }

    /** Stores messages copied from elsewhere (a fork, an import). */
    public void insertAll(List<Document> copies) {
        messages.insertAll(copies);
    }

    /** Account erasure: all of the person's messages. */
    public long deleteAllOf(String tenantId, String user) {
        return messages.deleteAll(tenantId, user);
    }

    /**
     * How many of these each user of the tenant has (LibreChat's {@code user-stats}); users with none are
     * absent. Scans the tenant's documents: for admin commands, not for requests of the client.
     */
    public Map<String, Long> countByUser(String tenantId) {
        return messages.countByUser(tenantId);
    }
}
