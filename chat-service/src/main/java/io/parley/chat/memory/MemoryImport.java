package io.parley.chat.memory;

import static io.parley.common.imports.SourceFields.instant;
import static io.parley.common.imports.SourceFields.number;
import static io.parley.common.imports.SourceFields.objectId;
import static io.parley.common.imports.SourceFields.requiredHexId;
import static io.parley.common.imports.SourceFields.requiredText;
import static io.parley.common.imports.SourceFields.text;

import io.parley.common.imports.DocumentImporter;
import io.parley.common.imports.ImportSkipped;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * LibreChat's {@code memoryentries}: a person's notes, one per key. Parley keeps every memory in the person's
 * shared pool, so a memory LibreChat keeps for one agent is skipped with the reason.
 */
@Component
class MemoryImport extends DocumentImporter {

    MemoryImport(MongoTemplate mongo) {
        super(mongo, MemoryStore.COLLECTION, "userId", "key");
    }

    @Override
    public String collection() {
        return "memoryentries";
    }

    @Override
    public Mapped<Document> map(String tenantId, Document source) {
        String agent = text(source, "agentId");
        if (agent != null && !agent.isBlank()) {
            throw new ImportSkipped("a memory of one agent; Parley keeps memories in the person's shared pool only");
        }
        Double tokens = number(source, "tokenCount");
        Instant updated = instant(source, "updated_at");
        Document stored = new Document("_id", objectId(source)).append("tenantId", tenantId)
                .append("userId", requiredHexId(source, "userId")).append("key", requiredText(source, "key"))
                .append("value", requiredText(source, "value")).append("tokenCount", tokens == null ? 0 : tokens.intValue())
                .append("updated_at", Date.from(updated != null ? updated : Instant.now()));
        return mapped(stored, List.of());
    }
}
