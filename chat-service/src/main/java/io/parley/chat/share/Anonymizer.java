package io.parley.chat.share;

import io.parley.chat.support.ApiDocs;
import io.parley.chat.support.Ids;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * LibreChat's {@code anonymizeMessages}: a shared conversation under ids made up for one answer, the same
 * id for the same message wherever it appears (its own and its children's {@code parentMessageId}), and
 * an allow-list of fields, so the owner, the endpoint and Parley's bookkeeping never reach a reader.
 * Files and attachments are left out: their addresses are the owner's, and this service has no
 * share-scoped route that would serve them.
 */
final class Anonymizer {

    private final Map<String, String> messageIds = new HashMap<>();
    private final Map<String, String> assistantIds = new HashMap<>();
    private final String conversationId = "convo_" + ShareIds.next();

    /** @param messages the shared messages, in the order to show them */
    SharedConversation conversation(SharedLink link, List<Document> messages) {
        return new SharedConversation(link.shareId(), link.title(), link.isPublic(), link.createdAt(), link.updatedAt(),
                conversationId, messages.stream().map(this::message).toList());
    }

    private SharedConversation.Message message(Document stored) {
        String model = text(stored, "model");
        String iconUrl = text(stored, "iconURL");
        Object content = stored.get("content");
        return new SharedConversation.Message(messageId(text(stored, "messageId")), messageId(text(stored, "parentMessageId")),
                conversationId, text(stored, "sender"), text(stored, "text"), content == null ? null : ApiDocs.value(content),
                iconUrl == null || iconUrl.isEmpty() ? null : iconUrl,
                model != null && model.startsWith("asst_") ? assistantIds.computeIfAbsent(model, k -> "a_" + ShareIds.next()) : null,
                flag(stored, "isCreatedByUser"), instant(stored.get("createdAt")), instant(stored.get("updatedAt")),
                stored.get("tokenCount") instanceof Number count ? count : null, flag(stored, "unfinished"),
                flag(stored, "error"), text(stored, "finish_reason"));
    }

    private String messageId(@Nullable String id) {
        if (id == null || id.isEmpty() || Ids.NO_PARENT.equals(id)) {
            return Ids.NO_PARENT;
        }
        return messageIds.computeIfAbsent(id, k -> "msg_" + ShareIds.next());
    }

    // Stored messages come from chats, forks and imports: a field of an unexpected type is left out, never a 500.

    private static @Nullable String text(Document stored, String field) {
        return stored.get(field) instanceof String value ? value : null;
    }

    private static @Nullable Boolean flag(Document stored, String field) {
        return stored.get(field) instanceof Boolean value ? value : null;
    }

    private static @Nullable Instant instant(@Nullable Object value) {
        return value instanceof Date date ? date.toInstant() : null;
    }
}
