package io.parley.agent.definition;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;

/**
 * The parts of a stored agent that make a version: LibreChat's {@code versions} hold a snapshot of
 * these fields per change; {@code version} in answers is the number of snapshots.
 */
final class AgentDocument {

    /** What a person defines (and a version records), in the order answers show them. */
    static final List<String> VERSIONED = List.of("name", "description", "instructions", "avatar", "provider", "model",
            "model_parameters", "artifacts", "recursion_limit", "tools", "agent_ids", "edges", "end_after_tools",
            "hide_sequential_outputs", "conversation_starters", "tool_resources", "tool_options", "category",
            "support_contact", "is_promoted", "mcpServerNames");

    private AgentDocument() {
    }

    /** The versioned fields the agent has now. */
    static Document snapshot(Document agent) {
        Document snapshot = new Document();
        for (String field : VERSIONED) {
            if (agent.containsKey(field)) {
                snapshot.put(field, agent.get(field));
            }
        }
        return snapshot;
    }

    /** A snapshot as an entry of {@code versions}, stamped with its time (and who changed it, after the first). */
    static Document version(Document snapshot, Date at, String updatedBy) {
        Document version = new Document(snapshot).append("createdAt", at).append("updatedAt", at);
        if (updatedBy != null) {
            version.append("updatedBy", updatedBy);
        }
        return version;
    }

    static int versionCount(Document agent) {
        return agent.get("versions") instanceof List<?> versions ? versions.size() : 0;
    }

    /** Whether two snapshots hold the same values (numbers compared by value: 1 and 1.0 are equal). */
    static boolean same(Document a, Document b) {
        return canonical(a).equals(canonical(b));
    }

    private static Object canonical(Object value) {
        return switch (value) {
            case Map<?, ?> map -> {
                Map<String, Object> sorted = new TreeMap<>();
                map.forEach((k, v) -> {
                    if (v != null) {
                        sorted.put(String.valueOf(k), canonical(v));
                    }
                });
                yield sorted;
            }
            case Collection<?> list -> {
                List<Object> out = new ArrayList<>();
                list.forEach(item -> out.add(canonical(item)));
                yield out;
            }
            case Double d -> BigDecimal.valueOf(d).stripTrailingZeros();
            case Number n -> new BigDecimal(n.toString()).stripTrailingZeros();
            case null -> "";
            default -> value;
        };
    }
}
