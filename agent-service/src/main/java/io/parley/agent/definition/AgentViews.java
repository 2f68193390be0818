package io.parley.agent.definition;

import io.parley.common.security.CurrentUser;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Agents as LibreChat's client receives them: ids as hex, times as ISO instants, {@code version} the
 * number of versions, Parley's {@code tenantId} left out, and {@code author} only for the author.
 */
public final class AgentViews {

    /**
     * Model parameters that may hold credentials or where a model is reached; the reduced view, which
     * every viewer gets, leaves them out (LibreChat's "safe" parameters).
     */
    private static final Set<String> UNSAFE_PARAMETERS = Set.of("apikey", "api_key", "baseurl", "base_url", "headers",
            "defaultheaders", "reverseproxyurl", "proxy", "azureopenaiapikey", "credentials");

    private AgentViews() {
    }

    /** The whole agent, with its versions (POST, PATCH, {@code /expanded}, revert, duplicate). */
    public static Map<String, Object> full(Document agent, CurrentUser caller) {
        Map<String, Object> out = new LinkedHashMap<>();
        agent.forEach((key, value) -> {
            switch (key) {
                case "tenantId" -> { }
                case "author" -> {
                    if (caller.id().equals(value)) {
                        out.put(key, value);
                    }
                }
                case "versions" -> out.put(key, versions(value));
                default -> out.put(key, plain(value));
            }
        });
        out.put("version", AgentDocument.versionCount(agent));
        return out;
    }

    /** LibreChat's {@code GET /api/agents/:id}: what a viewer may see. */
    public static Map<String, Object> reduced(Document agent, CurrentUser caller, boolean isPublic) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("_id", agent.getObjectId("_id").toHexString());
        out.put("id", agent.getString("id"));
        out.put("name", agent.get("name"));
        out.put("description", agent.get("description"));
        out.put("avatar", agent.get("avatar"));
        if (caller.id().equals(agent.getString("author"))) {
            out.put("author", agent.getString("author"));
        }
        out.put("provider", agent.get("provider"));
        out.put("model", agent.get("model"));
        out.put("model_parameters", safeParameters(agent.get("model_parameters")));
        out.put("category", agent.get("category"));
        out.put("support_contact", agent.get("support_contact"));
        out.put("conversation_starters", agent.get("conversation_starters"));
        out.put("isPublic", isPublic);
        out.put("version", AgentDocument.versionCount(agent));
        out.put("createdAt", plain(agent.get("createdAt")));
        out.put("updatedAt", plain(agent.get("updatedAt")));
        return out;
    }

    /** An item of a list (LibreChat's projection), with {@code isPublic}. */
    public static Map<String, Object> listItem(Document agent, CurrentUser caller, boolean isPublic) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String field : AgentStore.LIST_FIELDS) {
            if (field.equals("author")) {
                if (caller.id().equals(agent.getString("author"))) {
                    out.put("author", agent.getString("author"));
                }
            } else if (!field.equals("authorName")) {
                out.put(field, plain(agent.get(field)));
            }
        }
        out.put("isPublic", isPublic);
        return out;
    }

    private static Object safeParameters(Object parameters) {
        if (!(parameters instanceof Map<?, ?> map)) {
            return parameters;
        }
        Map<String, Object> safe = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (!UNSAFE_PARAMETERS.contains(String.valueOf(k).toLowerCase(java.util.Locale.ROOT))) {
                safe.put(String.valueOf(k), v);
            }
        });
        return safe;
    }

    private static List<Object> versions(Object versions) {
        List<Object> out = new ArrayList<>();
        if (versions instanceof List<?> list) {
            for (Object version : list) {
                if (version instanceof Document doc) {
                    Map<String, Object> shown = new LinkedHashMap<>();
                    doc.forEach((k, v) -> shown.put(k, plain(v)));
                    out.add(shown);
                }
            }
        }
        return out;
    }

    /** Stored top-level values the way JSON shows them: the only ObjectId and dates are top-level fields. */
    static Object plain(Object value) {
        return switch (value) {
            case ObjectId id -> id.toHexString();
            case Date date -> date.toInstant();
            case null -> null;
            default -> value;
        };
    }
}
