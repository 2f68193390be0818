package io.parley.chat.share;

import io.parley.chat.support.ApiDocs;
import io.parley.chat.support.Ids;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.parley.chat.message.Message;
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
    SharedConversation conversation(SharedLink link, List<Message> messages) {
        return new SharedConversation(link.shareId(), link.title(), link.isPublic(), link.createdAt(), link.updatedAt(),
                conversationId, messages.stream().map(this::message).toList());
    }

    private SharedConversation.Message message(Message stored) {
        String model = stored.model();
        String iconUrl = stored.iconURL();
        Object content = stored.content() != null ? Message.maps(stored.content()) : stored.stored("content");
        return new SharedConversation.Message(messageId(stored.messageId()), messageId(stored.parentMessageId()),
                conversationId, stored.sender(), stored.text(), content == null ? null : ApiDocs.value(content),
                iconUrl == null || iconUrl.isEmpty() ? null : iconUrl,
                model != null && model.startsWith("asst_") ? assistantIds.computeIfAbsent(model, k -> "a_" + ShareIds.next()) : null,
                stored.isCreatedByUser(), stored.createdAt(), stored.updatedAt(),
                stored.tokenCount() != null ? stored.tokenCount() : stored.stored("tokenCount") instanceof Number count ? count : null,
                stored.unfinished(), stored.error(), stored.stored("finish_reason") instanceof String reason ? reason : null);
    }

    private String messageId(@Nullable String id) {
        if (id == null || id.isEmpty() || Ids.NO_PARENT.equals(id)) {
            return Ids.NO_PARENT;
        }
        return messageIds.computeIfAbsent(id, k -> "msg_" + ShareIds.next());
    }

    // Stored messages come from chats, forks and imports: a field of an unexpected type is not typed in a
    // Message (it stays in its extra fields) and is left out here, never a 500.
}
