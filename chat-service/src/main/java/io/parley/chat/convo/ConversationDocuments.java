package io.parley.chat.convo;

import io.parley.chat.support.StoredFields;
import org.bson.Document;
import org.bson.types.ObjectId;

/** The one mapping between {@link Conversation} and the stored document (LibreChat's {@code conversations} shape). */
final class ConversationDocuments {

    private ConversationDocuments() {
    }

    static Conversation conversation(Document stored) {
        return Conversation.of(text(stored.get("tenantId")), text(stored.get("user")),
                stored.get("_id") instanceof ObjectId id ? id : null, stored);
    }

    static Document document(Conversation conversation) {
        Document stored = new Document();
        if (conversation.documentId() != null) {
            stored.put("_id", conversation.documentId());
        }
        stored.put("tenantId", conversation.tenantId());
        Conversation.typed(null, conversation.user(), conversation.conversationId(), conversation.title(),
                conversation.endpoint(), conversation.model(), conversation.tags(), conversation.isArchived(),
                conversation.pinned(), conversation.createdAt(), conversation.updatedAt())
                .forEach((field, value) -> stored.put(field, StoredFields.stored(value)));
        stored.putAll(conversation.extra());
        return stored;
    }

    private static String text(Object value) {
        return value instanceof String s ? s : "";
    }
}
