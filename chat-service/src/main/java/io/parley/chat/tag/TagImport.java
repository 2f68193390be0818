package io.parley.chat.tag;

import static io.parley.common.imports.SourceFields.copy;
import static io.parley.common.imports.SourceFields.number;
import static io.parley.common.imports.SourceFields.objectId;
import static io.parley.common.imports.SourceFields.requiredText;

import io.parley.common.imports.DocumentImporter;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * LibreChat's {@code conversationtags} (bookmarks): a person's tags with their positions and counts, one per
 * person and tag. The counts are LibreChat's; Parley counts a tag again whenever its conversations change.
 */
@Component
class TagImport extends DocumentImporter {

    TagImport(MongoTemplate mongo) {
        super(mongo, TagStore.COLLECTION, "user", "tag");
    }

    @Override
    public String collection() {
        return "conversationtags";
    }

    @Override
    public Mapped<Document> map(String tenantId, Document source) {
        requiredText(source, "tag");
        requiredText(source, "user");
        Document stored = copy(source, tenantId);
        stored.put("_id", objectId(source));
        Double count = number(source, "count");
        Double position = number(source, "position");
        stored.put("count", count == null ? 0 : count.longValue());
        stored.put("position", position == null ? 0 : position.intValue());
        return mapped(stored, List.of());
    }
}
