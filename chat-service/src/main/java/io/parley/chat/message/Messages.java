package io.parley.chat.message;

import io.parley.chat.convo.Conversation;
import io.parley.chat.convo.Convos;
import io.parley.chat.message.MessageRequests.ArtifactEdit;
import io.parley.chat.message.MessageRequests.Rating;
import io.parley.chat.message.MessageRequests.TextChange;
import io.parley.chat.search.ChatSearch;
import io.parley.chat.support.Ids;
import io.parley.chat.support.PageRequest;
import io.parley.chat.support.SafeDocuments;
import io.parley.chat.support.TokenCounter;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import java.util.ArrayList;
import java.time.Instant;
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
    Message save(CurrentUser caller, String conversationId, Supplier<@Nullable String> messageId,
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

        Instant now = Message.now();
        Message.Builder message = Message.of(caller.tenantId(), caller.id())
                .messageId(id).conversationId(convoId).parentMessageId(parent)
                .sender(input.sender() == null ? (Boolean.TRUE.equals(input.isCreatedByUser()) ? "User" : "") : input.sender())
                .text(text)
                .isCreatedByUser(Boolean.TRUE.equals(input.isCreatedByUser()))
                .model(input.model()).endpoint(input.endpoint())
                .error(Boolean.TRUE.equals(input.error())).unfinished(Boolean.TRUE.equals(input.unfinished()))
                .tokenCount(input.tokenCount() != null ? input.tokenCount()
                        : tokens.count(text + partsText(input.content() == null ? null
                                : input.content().stream().map(ContentPart::of).toList())))
                .createdAt(now).updatedAt(now);
        if (input.content() != null) {
            message.content(input.content().stream().map(ContentPart::of).toList());
        }
        if (input.files() != null) {
            message.files(input.files());
        }
        if (input.attachments() != null) {
            message.set("attachments", input.attachments());
        }
        if (input.iconURL() != null) {
            message.iconURL(input.iconURL());
        }
        return messages.save(message.build());
    }

    List<Message> inConversation(CurrentUser caller, String conversationId) {
        if (Ids.NEW_CONVO.equals(conversationId)) {
            return List.of();
        }
        String convoId = ownedConversation(caller, conversationId);
        return messages.inConversation(caller.tenantId(), caller.id(), convoId);
    }

    /** LibreChat answers an array of zero or one. */
    List<Message> one(CurrentUser caller, String conversationId, String messageId) {
        String convoId = ownedConversation(caller, conversationId);
        return messages.find(caller.tenantId(), caller.id(), convoId, Ids.requireUuid("messageId", messageId))
                .stream().toList();
    }

    /** A page of messages, or a search's hits (each with its conversation's {@code title}, as LibreChat joins it). */
    record Page(List<Message> messages, @Nullable String nextCursor) {
    }

    /** {@code GET /api/messages}: one message, a conversation's page, a search, or nothing. */
    Page query(CurrentUser caller, String conversationId, String messageId, String search, PageRequest page) {
        if (conversationId != null && messageId != null) {
            return new Page(one(caller, conversationId, messageId), null);
        }
        if (conversationId != null) {
            String convoId = ownedConversation(caller, conversationId);
            return messages.page(caller.tenantId(), caller.id(), convoId, page);
        }
        if (search != null) {
            List<Message> hits = new ArrayList<>();
            Map<String, Optional<Conversation>> titles = new HashMap<>();
            for (Document found : this.search.messages(caller.tenantId(), caller.id(), search, page.size())) {
                Message hit = MessageDocuments.message(found);
                Optional<Conversation> convo = titles.computeIfAbsent(hit.conversationId(),
                        id -> convos.find(caller.tenantId(), caller.id(), id));
                hits.add(convo.isPresent() ? hit.with("title", convo.get().title()) : hit);
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
    MessageAnswers.TextChanged update(CurrentUser caller, String conversationId, String messageId, Supplier<TextChange> body) {
        MessageKey key = new MessageKey(caller.tenantId(), caller.id(), Ids.requireUuid("conversationId", conversationId),
                Ids.requireUuid("messageId", messageId));
        Message current = messages.find(key.tenantId(), key.user(), key.conversationId(), key.messageId())
                .orElseThrow(Messages::notFound);
        TextChange change = body.get();
        String text = change.text();
        Integer index = change.index();
        Optional<Message> saved;
        if (index == null) {
            saved = messages.setText(key, text, tokens.count(text));
        } else {
            List<ContentPart> parts = current.parts();
            if (index < 0 || index >= parts.size()) {
                throw new ApiException.Invalid("Invalid index");
            }
            String type = parts.get(index).type();
            if (type == null || !EDITABLE_PARTS.contains(type)) {
                throw new ApiException.Invalid("Cannot update non-text content");
            }
            List<ContentPart> edited = new ArrayList<>(parts);
            edited.set(index, parts.get(index).with(type, text));
            String all = current.text() + partsText(edited);
            saved = messages.setContent(key, edited, tokens.count(all));
        }
        return MessageAnswers.TextChanged.of(saved.orElseThrow(Messages::notFound));
    }

    /** @param feedback read once the message is known to be the caller's; null clears it */
    MessageAnswers.FeedbackChanged feedback(CurrentUser caller, String conversationId, String messageId,
                                            Supplier<@Nullable Rating> feedback) {
        MessageKey key = new MessageKey(caller.tenantId(), caller.id(), Ids.requireUuid("conversationId", conversationId),
                Ids.requireUuid("messageId", messageId));
        messages.find(key.tenantId(), key.user(), key.conversationId(), key.messageId()).orElseThrow(Messages::notFound);
        Message saved = messages.setFeedback(key, Feedback.stored(feedback.get())).orElseThrow(Messages::notFound);
        return MessageAnswers.FeedbackChanged.of(saved);
    }

    /**
     * Replaces {@code original} with {@code updated} inside the {@code index}-th artifact of the message
     * (counted through its text parts, or its text when it has none).
     */
    MessageAnswers.ArtifactEdited editArtifact(CurrentUser caller, String messageId, Supplier<ArtifactEdit> body) {
        Message message = messages.findAnywhere(caller.tenantId(), caller.id(), Ids.requireUuid("messageId", messageId))
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
        String conversationId = message.conversationId();
        List<ContentPart> parts = message.parts();
        List<ContentPart> editedParts = null;
        String editedText = null;
        int seen = 0;
        if (parts.stream().anyMatch(p -> "text".equals(p.type()))) {
            List<ContentPart> edited = new ArrayList<>(parts);
            for (int i = 0; i < edited.size(); i++) {
                if (!(edited.get(i) instanceof ContentPart.Text part)) {
                    continue;
                }
                List<int[]> blocks = Artifacts.find(part.text());
                if (index < seen + blocks.size()) {
                    edited.set(i, new ContentPart.Text(Artifacts.replace(part.text(), blocks.get(index - seen), original,
                            updated), part.extra()));
                    editedParts = edited;
                    break;
                }
                seen += blocks.size();
            }
        } else {
            String text = message.text() == null ? "" : message.text();
            List<int[]> blocks = Artifacts.find(text);
            if (index < blocks.size()) {
                editedText = Artifacts.replace(text, blocks.get(index), original, updated);
            }
        }
        if (editedParts == null && editedText == null) {
            throw new ApiException.Invalid("Artifact index out of bounds");
        }
        Message saved = messages.setArtifact(new MessageKey(caller.tenantId(), caller.id(), conversationId,
                message.messageId()), editedText, editedParts).orElseThrow(Messages::notFound);
        return new MessageAnswers.ArtifactEdited(conversationId, saved.json().get("content"), saved.text());
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

    private static String partsText(@Nullable List<ContentPart> parts) {
        if (parts == null) {
            return "";
        }
        StringBuilder all = new StringBuilder();
        for (ContentPart part : parts) {
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
    public Message save(Message message) {
        return messages.save(message);
    }

    /** A message with an id made just now (a turn's request and response): one insert, no lookup. */
    public Message insertNew(Message message) {
        return messages.insertNew(message);
    }

    /** The conversation's messages, oldest first. */
    public List<Message> inConversation(String tenantId, String user, String conversationId) {
        return messages.inConversation(tenantId, user, conversationId);
    }

    /**
     * The message ids of the person's messages among these stored ids ({@code _id}), by {@code _id} as hex:
     * LibreChat's shared links name messages by document id.
     */
    public Map<String, String> messageIdsOf(String tenantId, String user, Collection<ObjectId> documentIds) {
        return messages.messageIdsOf(tenantId, user, documentIds);
    }

    /** Stores messages copied from elsewhere (a fork), new ids and all; answers them as stored. */
    public List<Message> insertAll(List<Message> copies) {
        return messages.insertAll(copies);
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
