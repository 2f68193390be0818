package io.parley.chat.prompt;

import static io.parley.common.imports.SourceFields.createdAt;
import static io.parley.common.imports.SourceFields.objectId;
import static io.parley.common.imports.SourceFields.requiredHexId;
import static io.parley.common.imports.SourceFields.requiredText;
import static io.parley.common.imports.SourceFields.text;
import static io.parley.common.imports.SourceFields.updatedAt;

import io.parley.common.imports.DocumentImporter;
import io.parley.common.imports.ImportSkipped;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** LibreChat's {@code prompts}: the versions of the prompt groups, under their ids. */
@Component
class PromptImport extends DocumentImporter {

    PromptImport(MongoTemplate mongo) {
        super(mongo, PromptStore.PROMPTS, "_id");
    }

    @Override
    public String collection() {
        return "prompts";
    }

    @Override
    public Mapped<Document> map(String tenantId, Document source) {
        String type = text(source, "type");
        if (type != null && !type.equals("text") && !type.equals("chat")) {
            throw new ImportSkipped("its type is neither text nor chat");
        }
        Document stored = new Document("_id", objectId(source)).append("tenantId", tenantId)
                .append("groupId", new ObjectId(requiredHexId(source, "groupId")))
                .append("author", requiredHexId(source, "author")).append("prompt", requiredText(source, "prompt"))
                .append("type", type == null ? "text" : type)
                .append("createdAt", Date.from(createdAt(source))).append("updatedAt", Date.from(updatedAt(source)));
        return mapped(stored, List.of());
    }
}
