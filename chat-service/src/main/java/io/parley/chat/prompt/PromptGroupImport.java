package io.parley.chat.prompt;

import static io.parley.common.imports.SourceFields.createdAt;
import static io.parley.common.imports.SourceFields.hexId;
import static io.parley.common.imports.SourceFields.number;
import static io.parley.common.imports.SourceFields.objectId;
import static io.parley.common.imports.SourceFields.requiredHexId;
import static io.parley.common.imports.SourceFields.requiredText;
import static io.parley.common.imports.SourceFields.text;
import static io.parley.common.imports.SourceFields.updatedAt;

import io.parley.common.imports.DocumentImporter;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * LibreChat's {@code promptgroups}, under their ids (their ACL entries name them) with their production version.
 * The author keeps every permission on the group as in Parley; shares come with the {@code aclentries}.
 */
@Component
class PromptGroupImport extends DocumentImporter {

    PromptGroupImport(MongoTemplate mongo) {
        super(mongo, PromptStore.GROUPS, "_id");
    }

    @Override
    public String collection() {
        return "promptgroups";
    }

    @Override
    public Mapped<Document> map(String tenantId, Document source) {
        Double generations = number(source, "numberOfGenerations");
        String oneliner = text(source, "oneliner");
        String category = text(source, "category");
        String authorName = text(source, "authorName");
        Document stored = new Document("_id", objectId(source)).append("tenantId", tenantId)
                .append("author", requiredHexId(source, "author")).append("authorName", authorName == null ? "" : authorName)
                .append("numberOfGenerations", generations == null ? 0 : generations.intValue())
                .append("oneliner", oneliner == null ? "" : oneliner).append("category", category == null ? "" : category)
                .append("command", text(source, "command")).append("name", requiredText(source, "name"))
                .append("createdAt", Date.from(createdAt(source))).append("updatedAt", Date.from(updatedAt(source)));
        String production = hexId(source, "productionId");
        if (production != null) {
            stored.append("productionId", new ObjectId(production));
        }
        return mapped(stored, List.of());
    }
}
