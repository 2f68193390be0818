package io.parley.chat.message;

import io.parley.chat.support.StoredFields;
import org.bson.Document;
import org.bson.types.ObjectId;

/** The one mapping between {@link Message} and the stored document (LibreChat's {@code messages} shape). */
final class MessageDocuments {

    private MessageDocuments() {
    }

    static Message message(Document stored) {
        Message.Builder built = Message.of(text(stored.get("tenantId")), text(stored.get("user")));
        stored.forEach((field, value) -> {
            switch (field) {
                case "_id", "tenantId", "user", "_class" -> { }
                default -> built.set(field, value);
            }
        });
        Message message = built.build();
        return stored.get("_id") instanceof ObjectId id ? message.storedAs(id, message.createdAt()) : message;
    }

    static Document document(Message message) {
        Document stored = new Document();
        if (message.documentId() != null) {
            stored.put("_id", message.documentId());
        }
        stored.put("tenantId", message.tenantId());
        stored.put("user", message.user());
        Message.typed(null, message.messageId(), message.conversationId(), message.parentMessageId(), message.sender(),
                message.text(), message.isCreatedByUser(), message.model(), message.endpoint(), message.error(),
                message.unfinished(), message.tokenCount(), message.content(), message.files(), message.iconURL(),
                message.createdAt(), message.updatedAt())
                .forEach((field, value) -> stored.put(field,
                        field.equals("content") ? Message.maps(message.content()) : StoredFields.stored(value)));
        stored.putAll(message.extra());
        return stored;
    }

    private static String text(Object value) {
        return value instanceof String s ? s : "";
    }
}
