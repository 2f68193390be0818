package io.parley.agent.definition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * The only place agents turn into stored documents and back. The {@code agents} collection holds
 * LibreChat's agent document plus {@code tenantId}; the definition's fields sit at the top level, and each
 * entry of {@code versions} holds them again with its times. A field left out of a definition is left out
 * of its document. Whatever else a stored document holds (fields Parley does not type, definition fields
 * stored as null or with another type) is kept in the agent's and each version's {@code extra} and written
 * back after the typed fields, so a document read and written again keeps it.
 */
final class AgentDocuments {

    /** The definition's fields, as stored and in {@link AgentDefinition}'s order. */
    static final List<String> DEFINITION_FIELDS = List.of("name", "description", "instructions", "avatar", "provider",
            "model", "model_parameters", "artifacts", "recursion_limit", "tools", "agent_ids", "edges", "end_after_tools",
            "hide_sequential_outputs", "conversation_starters", "tool_resources", "tool_options", "category",
            "support_contact", "is_promoted", "mcpServerNames");
    /** What a list reads of each agent ({@link AgentSummary}). */
    static final List<String> SUMMARY_FIELDS = List.of("_id", "id", "name", "avatar", "author", "authorName",
            "description", "updatedAt", "category", "support_contact", "is_promoted");

    private AgentDocuments() {
    }

    static Document document(Agent agent) {
        Document document = new Document("_id", agent.objectId()).append("tenantId", agent.tenantId())
                .append("id", agent.id());
        document.putAll(definition(agent.definition()));
        document.append("author", agent.author()).append("authorName", agent.authorName())
                .append("versions", agent.versions().stream().map(AgentDocuments::version).toList())
                .append("createdAt", Date.from(agent.createdAt())).append("updatedAt", Date.from(agent.updatedAt()));
        agent.extra().forEach(document::putIfAbsent);
        return document;
    }

    static Agent agent(Document document) {
        List<AgentVersion> versions = new ArrayList<>();
        for (Object version : document.getList("versions", Object.class, List.of())) {
            if (version instanceof Document stored) {
                versions.add(version(stored));
            }
        }
        Agent typed = new Agent(document.getObjectId("_id"), document.getString("tenantId"), document.getString("id"),
                definition(document), document.getString("author"), text(document.get("authorName")), versions,
                instant(document.getDate("createdAt")), instant(document.getDate("updatedAt")));
        return new Agent(typed.objectId(), typed.tenantId(), typed.id(), typed.definition(), typed.author(),
                typed.authorName(), typed.versions(), typed.createdAt(), typed.updatedAt(),
                notWritten(document, document(typed)));
    }

    static AgentSummary summary(Document document) {
        return new AgentSummary(document.getObjectId("_id"), document.getString("id"), document.getString("name"),
                document.getString("description"), avatar(document.get("avatar")), document.getString("author"),
                text(document.get("authorName")), text(document.get("category")), supportContact(document.get("support_contact")),
                Boolean.TRUE.equals(document.get("is_promoted")), instant(document.getDate("updatedAt")));
    }

    /** The definition's fields that are set, in {@link #DEFINITION_FIELDS} order; name, description and instructions always. */
    static Document definition(AgentDefinition definition) {
        Document document = new Document("name", definition.name()).append("description", definition.description())
                .append("instructions", definition.instructions());
        if (definition.avatar() != null) {
            document.put("avatar", definition.avatar().map(AgentDocuments::document).orElse(null));
        }
        document.append("provider", definition.provider()).append("model", definition.model());
        putIfSet(document, "model_parameters", bson(definition.model_parameters()));
        putIfSet(document, "artifacts", definition.artifacts());
        putIfSet(document, "recursion_limit", definition.recursion_limit());
        document.put("tools", definition.tools());
        putIfSet(document, "agent_ids", definition.agent_ids());
        if (definition.edges() != null) {
            document.put("edges", definition.edges().stream().map(AgentDocuments::document).toList());
        }
        putIfSet(document, "end_after_tools", definition.end_after_tools());
        putIfSet(document, "hide_sequential_outputs", definition.hide_sequential_outputs());
        document.put("conversation_starters", definition.conversation_starters());
        if (definition.tool_resources() != null) {
            document.put("tool_resources", document(definition.tool_resources()));
        }
        putIfSet(document, "tool_options", bson(definition.tool_options()));
        document.put("category", definition.category());
        if (definition.support_contact() != null) {
            document.put("support_contact", document(definition.support_contact()));
        }
        return document.append("is_promoted", definition.is_promoted()).append("mcpServerNames", definition.mcpServerNames());
    }

    static Document version(AgentVersion version) {
        Document document = definition(version.definition()).append("createdAt", Date.from(version.createdAt()))
                .append("updatedAt", Date.from(version.updatedAt()));
        putIfSet(document, "updatedBy", version.updatedBy());
        version.extra().forEach(document::putIfAbsent);
        return document;
    }

    private static AgentVersion version(Document document) {
        AgentVersion typed = new AgentVersion(definition(document), instant(document.getDate("createdAt")),
                instant(document.getDate("updatedAt")), document.getString("updatedBy"));
        return new AgentVersion(typed.definition(), typed.createdAt(), typed.updatedAt(), typed.updatedBy(),
                notWritten(document, version(typed)));
    }

    /** The stored fields that writing the typed reading back would leave out, as stored and in stored order. */
    private static Map<String, Object> notWritten(Document stored, Document written) {
        Map<String, Object> kept = new LinkedHashMap<>();
        stored.forEach((field, value) -> {
            if (!written.containsKey(field)) {
                kept.put(field, value);
            }
        });
        return kept;
    }

    /** The definition of an agent's document, or of one of its versions. */
    private static AgentDefinition definition(Document document) {
        return new AgentDefinition(document.getString("name"), document.getString("description"),
                document.getString("instructions"),
                document.containsKey("avatar") ? Optional.ofNullable(avatar(document.get("avatar"))) : null,
                text(document.get("provider")), text(document.get("model")), freeForm(document.get("model_parameters")),
                document.getString("artifacts"),
                document.get("recursion_limit") instanceof Number limit ? limit.intValue() : null,
                texts(document.get("tools")),
                document.containsKey("agent_ids") ? texts(document.get("agent_ids")) : null,
                edges(document.get("edges")),
                document.getBoolean("end_after_tools"), document.getBoolean("hide_sequential_outputs"),
                texts(document.get("conversation_starters")), toolResources(document.get("tool_resources")),
                freeForm(document.get("tool_options")), text(document.get("category")),
                supportContact(document.get("support_contact")), Boolean.TRUE.equals(document.get("is_promoted")),
                texts(document.get("mcpServerNames")));
    }

    private static Document document(Avatar avatar) {
        return new Document("filepath", avatar.filepath()).append("source", avatar.source());
    }

    private static @Nullable Avatar avatar(@Nullable Object stored) {
        return stored instanceof Document avatar
                ? new Avatar(text(avatar.get("filepath")), text(avatar.get("source"))) : null;
    }

    private static Document document(AgentEdge edge) {
        Document document = new Document("from", edge.from().asSent()).append("to", edge.to().asSent());
        putIfSet(document, "edgeType", edge.edgeType());
        putIfSet(document, "description", edge.description());
        putIfSet(document, "prompt", edge.prompt());
        putIfSet(document, "promptKey", edge.promptKey());
        putIfSet(document, "excludeResults", edge.excludeResults());
        return document;
    }

    private static @Nullable List<AgentEdge> edges(@Nullable Object stored) {
        if (!(stored instanceof List<?> edges)) {
            return null;
        }
        List<AgentEdge> out = new ArrayList<>();
        for (Object edge : edges) {
            if (edge instanceof Document e) {
                out.add(new AgentEdge(AgentEdge.Ends.of(e.get("from")), AgentEdge.Ends.of(e.get("to")),
                        e.getString("edgeType"), e.getString("description"), e.getString("prompt"),
                        e.getString("promptKey"), e.getBoolean("excludeResults")));
            }
        }
        return out;
    }

    private static Document document(ToolResources resources) {
        Document document = new Document();
        putIfSet(document, "file_search", document(resources.file_search()));
        putIfSet(document, "execute_code", document(resources.execute_code()));
        putIfSet(document, "context", document(resources.context()));
        putIfSet(document, "ocr", document(resources.ocr()));
        putIfSet(document, "image_edit", document(resources.image_edit()));
        return document;
    }

    private static @Nullable Document document(ToolResources.@Nullable Resource resource) {
        if (resource == null) {
            return null;
        }
        Document document = new Document();
        putIfSet(document, "file_ids", resource.file_ids());
        putIfSet(document, "vector_store_ids", resource.vector_store_ids());
        return document;
    }

    private static @Nullable ToolResources toolResources(@Nullable Object stored) {
        if (!(stored instanceof Document resources)) {
            return null;
        }
        return new ToolResources(resource(resources.get("file_search")), resource(resources.get("execute_code")),
                resource(resources.get("context")), resource(resources.get("ocr")), resource(resources.get("image_edit")));
    }

    private static ToolResources.@Nullable Resource resource(@Nullable Object stored) {
        if (!(stored instanceof Document resource)) {
            return null;
        }
        return new ToolResources.Resource(resource.containsKey("file_ids") ? texts(resource.get("file_ids")) : null,
                resource.containsKey("vector_store_ids") ? texts(resource.get("vector_store_ids")) : null);
    }

    private static Document document(SupportContact contact) {
        Document document = new Document();
        putIfSet(document, "name", contact.name());
        putIfSet(document, "email", contact.email());
        return document;
    }

    private static @Nullable SupportContact supportContact(@Nullable Object stored) {
        return stored instanceof Document contact
                ? new SupportContact(contact.getString("name"), contact.getString("email")) : null;
    }

    /** A free-form object as stored: nested objects as documents. */
    private static @Nullable Object bson(@Nullable Object value) {
        return switch (value) {
            case Map<?, ?> map -> {
                Document document = new Document();
                map.forEach((key, inner) -> document.put(String.valueOf(key), bson(inner)));
                yield document;
            }
            case List<?> list -> list.stream().map(AgentDocuments::bson).toList();
            case null -> null;
            default -> value;
        };
    }

    /** A free-form object as read: plain maps and lists, as the body brought it. */
    @SuppressWarnings("unchecked")
    private static @Nullable Map<String, Object> freeForm(@Nullable Object stored) {
        return stored instanceof Map<?, ?> ? (Map<String, Object>) plain(stored) : null;
    }

    private static @Nullable Object plain(@Nullable Object value) {
        return switch (value) {
            case Map<?, ?> map -> {
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((key, inner) -> out.put(String.valueOf(key), plain(inner)));
                yield out;
            }
            case List<?> list -> {
                List<Object> out = new ArrayList<>();
                list.forEach(item -> out.add(plain(item)));
                yield out;
            }
            case null -> null;
            default -> value;
        };
    }

    private static List<String> texts(@Nullable Object stored) {
        return stored instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    private static String text(@Nullable Object stored) {
        return stored == null ? "" : stored.toString();
    }

    private static Instant instant(Date date) {
        return date.toInstant();
    }

    private static void putIfSet(Document document, String field, @Nullable Object value) {
        if (value != null) {
            document.put(field, value);
        }
    }
}
