package io.parley.chat.convo;

import static io.parley.common.imports.SourceFields.bool;
import static io.parley.common.imports.SourceFields.copy;
import static io.parley.common.imports.SourceFields.requiredText;
import static io.parley.common.imports.SourceFields.text;
import static io.parley.common.imports.SourceFields.texts;

import io.parley.chat.support.Ids;
import io.parley.common.imports.DocumentImporter;
import io.parley.common.imports.ImportSkipped;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * LibreChat's {@code conversations}, stored as they are (Parley keeps LibreChat's shape) under their ids, so
 * links to them keep working. Left out: the references to message documents (messages name their conversation),
 * the search index flag and a temporary chat's expiry. A temporary chat is skipped: LibreChat deletes it after
 * its retention period.
 */
@Component
class ConvoImport extends DocumentImporter {

    ConvoImport(MongoTemplate mongo) {
        super(mongo, ConvoStore.COLLECTION, "conversationId");
    }

    @Override
    public String collection() {
        return "conversations";
    }

    @Override
    public Mapped<Document> map(String tenantId, Document source) {
        if (bool(source, "isTemporary", false)) {
            throw new ImportSkipped("a temporary chat, which LibreChat deletes after its retention period");
        }
        String id = requiredText(source, "conversationId");
        if (!Ids.isUuid(id)) {
            throw new ImportSkipped("its conversationId is not a UUID");
        }
        requiredText(source, "user");
        Document stored = copy(source, tenantId, "messages", "_meiliIndex", "expiredAt");
        stored.put("conversationId", id.toLowerCase());
        String title = text(source, "title");
        stored.put("title", title == null ? Convos.DEFAULT_TITLE : title);
        stored.put("isArchived", bool(source, "isArchived", false));
        stored.put("tags", texts(source, "tags"));
        return mapped(stored, List.of());
    }
}
