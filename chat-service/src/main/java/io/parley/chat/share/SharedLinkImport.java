package io.parley.chat.share;

import static io.parley.common.imports.SourceFields.bool;
import static io.parley.common.imports.SourceFields.createdAt;
import static io.parley.common.imports.SourceFields.objectId;
import static io.parley.common.imports.SourceFields.requiredText;
import static io.parley.common.imports.SourceFields.text;
import static io.parley.common.imports.SourceFields.texts;
import static io.parley.common.imports.SourceFields.updatedAt;

import io.parley.chat.convo.Convos;
import io.parley.chat.message.Messages;
import io.parley.chat.support.Ids;
import io.parley.common.imports.DocumentImporter;
import io.parley.common.imports.ImportSkipped;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * LibreChat's {@code sharedlinks}, under their share ids, so the addresses people were given keep working.
 * LibreChat names the snapshot's messages by document id, Parley by message id: they are looked up among the
 * person's imported messages (so {@code messages} must be imported first). A link comes in as one made before the
 * ACL: its stored {@code isPublic} decides who reads it, and its owner may share it anew.
 */
@Component
class SharedLinkImport extends DocumentImporter {

    private final Messages messages;
    private final Convos convos;

    SharedLinkImport(MongoTemplate mongo, Messages messages, Convos convos) {
        super(mongo, SharedLinkStore.COLLECTION, "shareId");
        this.messages = messages;
        this.convos = convos;
    }

    @Override
    public String collection() {
        return "sharedlinks";
    }

    @Override
    public Mapped<Document> map(String tenantId, Document source) {
        String conversationId = requiredText(source, "conversationId");
        if (!Ids.isUuid(conversationId)) {
            throw new ImportSkipped("its conversationId is not a UUID");
        }
        String user = requiredText(source, "user");
        List<ObjectId> refs = texts(source, "messages").stream().filter(ObjectId::isValid).map(ObjectId::new).toList();
        Map<String, String> found = refs.isEmpty() ? Map.of() : messages.messageIdsOf(tenantId, user, refs);
        List<String> messageIds = refs.stream().map(ref -> found.get(ref.toHexString())).filter(id -> id != null).toList();
        List<String> warnings = messageIds.size() == refs.size() ? List.of()
                : List.of((refs.size() - messageIds.size()) + " of its " + refs.size()
                        + " messages are not in Parley and are not shown");
        Document stored = new Document("_id", objectId(source)).append("tenantId", tenantId).append("user", user)
                .append("conversationId", conversationId.toLowerCase()).append("shareId", requiredText(source, "shareId"))
                .append("title", text(source, "title")).append("isPublic", bool(source, "isPublic", true))
                .append("targetMessageId", text(source, "targetMessageId")).append("messages", messageIds)
                .append("createdAt", Date.from(createdAt(source))).append("updatedAt", Date.from(updatedAt(source)));
        return mapped(stored, warnings);
    }

    /** A link goes only with its person's conversation, which must be stored already. */
    @Override
    public Map<String, String> refused(String tenantId, List<Mapped<Document>> items) {
        Map<String, String> owners = convos.owners(tenantId,
                items.stream().map(item -> item.value().getString("conversationId")).distinct().toList());
        Map<String, String> refused = new HashMap<>();
        for (Mapped<Document> item : items) {
            if (!item.value().getString("user").equals(owners.get(item.value().getString("conversationId")))) {
                refused.put(item.key(), "its conversation is not this person's in Parley (not migrated, or skipped)");
            }
        }
        return refused;
    }
}
