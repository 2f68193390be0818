package io.parley.agent.definition;

import static io.parley.common.imports.SourceFields.copy;
import static io.parley.common.imports.SourceFields.createdAt;
import static io.parley.common.imports.SourceFields.objectId;
import static io.parley.common.imports.SourceFields.requiredHexId;
import static io.parley.common.imports.SourceFields.requiredText;
import static io.parley.common.imports.SourceFields.texts;
import static io.parley.common.imports.SourceFields.updatedAt;

import io.parley.common.imports.DocumentImporter;
import io.parley.common.imports.ImportSkipped;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * LibreChat's {@code agents}, under their ids ({@code id} for routes and chats, {@code _id} for the ACL entries
 * that come with {@code aclentries}), with their versions. The document goes through {@link AgentDocuments} both
 * ways, so what is stored is exactly what Parley writes for an agent; LibreChat's fields Parley does not serve
 * (actions, skills, subagents, code environments) are left out, with a warning for actions. An agent without
 * versions (made before LibreChat kept them) gets its current definition as its one version.
 */
@Component
class AgentImport extends DocumentImporter {

    AgentImport(MongoTemplate mongo) {
        super(mongo, AgentStore.COLLECTION, "id");
    }

    @Override
    public String collection() {
        return "agents";
    }

    @Override
    public Mapped<Document> map(String tenantId, Document source) {
        String id = requiredText(source, "id");
        if (!AgentIds.isWellFormed(id)) {
            throw new ImportSkipped("its id is not agent_ followed by 21 characters");
        }
        requiredText(source, "provider");
        requiredText(source, "model");
        List<String> warnings = new ArrayList<>();
        if (!texts(source, "actions").isEmpty()) {
            warnings.add("its actions (OpenAPI tools) are not served by Parley and were left out");
        }
        if (source.get("avatar") instanceof Document avatar && avatar.get("filepath") instanceof String path
                && !path.startsWith("http://") && !path.startsWith("https://")) {
            warnings.add("its picture is stored in LibreChat's own folder and was not copied");
        }
        String author = requiredHexId(source, "author");
        Document document = copy(source, tenantId);
        document.put("_id", objectId(source));
        document.put("author", author);
        document.putIfAbsent("authorName", "");
        List<Document> versions = new ArrayList<>();
        if (source.get("versions") instanceof List<?> stored) {
            for (Object version : stored) {
                if (version instanceof Document v) {
                    versions.add(version(v, author));
                }
            }
        }
        if (versions.isEmpty()) {
            versions.add(version(new Document(document), author));
        }
        document.put("versions", versions);
        Agent agent;
        try {
            agent = AgentDocuments.agent(document);
        } catch (ClassCastException e) {
            throw new ImportSkipped("a field of its definition has a shape Parley does not read");
        }
        return mapped(AgentDocuments.document(agent.typedOnly()), warnings);
    }

    /** A version as {@link AgentDocuments} reads it: ids as hex, both times set. */
    private static Document version(Document version, String author) {
        Document out = new Document(version);
        out.remove("versions");
        out.put("createdAt", Date.from(createdAt(version)));
        out.put("updatedAt", Date.from(updatedAt(version)));
        Object updatedBy = version.get("updatedBy");
        out.put("updatedBy", updatedBy instanceof ObjectId by ? by.toHexString()
                : updatedBy instanceof String by ? by : author);
        return out;
    }
}
