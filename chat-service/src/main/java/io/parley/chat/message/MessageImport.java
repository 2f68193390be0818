package io.parley.chat.message;

import static io.parley.common.imports.SourceFields.bool;
import static io.parley.common.imports.SourceFields.copy;
import static io.parley.common.imports.SourceFields.requiredText;
import static io.parley.common.imports.SourceFields.text;

import io.parley.chat.convo.Convos;
import io.parley.chat.support.Ids;
import io.parley.common.imports.DocumentImporter;
import io.parley.common.imports.ImportSkipped;
import io.parley.common.imports.ImportedFiles;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * LibreChat's {@code messages}, stored as they are under their ids: text, content parts (text, thinking, tool
 * calls, images), branches (siblings share a {@code parentMessageId}), feedback, attachments. A message without a
 * parent becomes a root ({@link Ids#NO_PARENT}), as LibreChat treats it; the flags a message may lack get
 * LibreChat's defaults. Its files' paths become Parley's ({@link ImportedFiles}), where file-service puts the
 * imported files. A message is written only into its own person's conversation, which must be there already.
 */
@Component
class MessageImport extends DocumentImporter {

    private final Convos convos;

    MessageImport(MongoTemplate mongo, Convos convos) {
        super(mongo, MessageStore.COLLECTION, "messageId");
        this.convos = convos;
    }

    @Override
    public String collection() {
        return "messages";
    }

    @Override
    public Mapped<Document> map(String tenantId, Document source) {
        if (bool(source, "isTemporary", false)) {
            throw new ImportSkipped("a message of a temporary chat, which LibreChat deletes after its retention period");
        }
        String messageId = requiredText(source, "messageId");
        if (messageId.length() > 200) {
            throw new ImportSkipped("its messageId is longer than 200 characters");
        }
        String conversationId = requiredText(source, "conversationId");
        if (!Ids.isUuid(conversationId)) {
            throw new ImportSkipped("its conversationId is not a UUID");
        }
        String user = requiredText(source, "user");
        Document stored = copy(source, tenantId, "_meiliIndex", "expiredAt");
        stored.put("conversationId", conversationId.toLowerCase());
        String parent = text(source, "parentMessageId");
        stored.put("parentMessageId", parent == null || parent.isBlank() ? Ids.NO_PARENT : parent);
        stored.put("isCreatedByUser", bool(source, "isCreatedByUser", false));
        stored.put("error", bool(source, "error", false));
        stored.put("unfinished", bool(source, "unfinished", false));
        if (stored.get("files") instanceof List<?> files) {
            stored.put("files", files.stream().map(file -> file instanceof Document d ? withParleyPath(d, user) : file).toList());
        }
        return mapped(stored, List.of());
    }

    private static Document withParleyPath(Document file, String user) {
        if (!(file.get("file_id") instanceof String fileId) || fileId.isBlank()) {
            return file;
        }
        Document moved = new Document(file);
        String type = file.get("type") instanceof String t ? t : null;
        String path = file.get("filepath") instanceof String p ? p : null;
        if (path != null) {
            moved.put("filepath", ImportedFiles.filepath(user, fileId, type, path));
        }
        return moved;
    }

    /** A message goes only into a conversation of the same person that is stored already. */
    @Override
    public Map<String, String> refused(String tenantId, List<Mapped<Document>> items) {
        List<String> ids = items.stream().map(item -> item.value().getString("conversationId")).distinct().toList();
        Map<String, String> owners = convos.owners(tenantId, ids);
        Map<String, String> refused = new HashMap<>();
        for (Mapped<Document> item : items) {
            String owner = owners.get(item.value().getString("conversationId"));
            if (owner == null) {
                refused.put(item.key(), "its conversation is not in Parley (not in LibreChat's data, or skipped)");
            } else if (!owner.equals(item.value().getString("user"))) {
                refused.put(item.key(), "its conversation belongs to another person");
            }
        }
        return refused;
    }
}
