package io.parley.agent.definition;

import io.parley.common.error.ApiException;
import io.parley.common.error.ApiException.FieldProblem;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.bson.Document;

/**
 * The create and update bodies of LibreChat's agent routes ({@code packages/api/src/agents/validation.ts}),
 * checked and reduced to the fields an agent stores. As zod does there, fields it does not know are
 * dropped; a known field of the wrong shape, or too large, is a 400 {@code Invalid request data} naming
 * every failing field, and nothing is stored.
 *
 * <p>Sizes LibreChat leaves open are bounded here: name 256, description 2,000 and instructions 100,000
 * characters, 1,000 tools, 4 conversation starters (LibreChat's {@code MAX_CONVO_STARTERS}), 100 edges,
 * 16 KB of JSON each for {@code model_parameters} and {@code tool_options}.
 */
final class AgentInput {

    static final String INVALID = "Invalid request data";
    static final int MAX_NAME = 256;
    static final int MAX_DESCRIPTION = 2_000;
    static final int MAX_INSTRUCTIONS = 100_000;
    static final int MAX_TOOLS = 1_000;
    static final int MAX_STARTERS = 4;
    static final int MAX_EDGES = 100;
    static final int MAX_IDS = 1_000;
    static final int MAX_FREE_FORM_CHARS = 16_384;
    static final int MAX_RECURSION_LIMIT = 1_000;

    /**
     * Endpoint names LibreChat itself defines that an agent may run on. A provider is one of them, or
     * a custom endpoint's name (agent-service cannot see chat-service's endpoint configuration, so any
     * name of the safe shape below is taken). A name that matches a built-in only when case is ignored
     * ("openai") is refused as the typo it almost surely is, as are LibreChat's endpoints that are not
     * model providers (assistants, agents, …).
     */
    static final Set<String> BUILT_IN_PROVIDERS = Set.of("openAI", "azureOpenAI", "anthropic", "google", "bedrock");
    static final Set<String> NOT_PROVIDERS = Set.of("agents", "assistants", "azureassistants", "gptplugins",
            "chatgptbrowser", "custom");
    private static final Pattern CUSTOM_PROVIDER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 _.()-]{0,99}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    static final Set<String> TOOL_RESOURCES = Set.of("file_search", "execute_code", "context", "ocr", "image_edit");
    private static final Set<String> EDGE_TYPES = Set.of("handoff", "direct");
    private static final int MAX_DEPTH = 16;

    private final List<FieldProblem> problems = new ArrayList<>();
    private final Document fields = new Document();
    private final FreeFormSize size;

    /** Measures a free-form object as JSON text. */
    interface FreeFormSize {
        int chars(Object value);
    }

    private AgentInput(FreeFormSize size) {
        this.size = size;
    }

    /** A create body: provider and model are required. */
    static Document forCreate(Map<String, Object> body, boolean admin, FreeFormSize size) {
        AgentInput input = new AgentInput(size);
        Map<String, Object> given = body == null ? Map.of() : body;
        if (!given.containsKey("provider")) {
            input.problem("provider", "is required");
        }
        if (!given.containsKey("model")) {
            input.problem("model", "is required");
        }
        return input.read(given, admin);
    }

    /** An update body: only the fields it names change. */
    static Document forUpdate(Map<String, Object> body, boolean admin, FreeFormSize size) {
        return new AgentInput(size).read(body == null ? Map.of() : body, admin);
    }

    private Document read(Map<String, Object> body, boolean admin) {
        for (Map.Entry<String, Object> entry : body.entrySet()) {
            String field = entry.getKey();
            Object value = entry.getValue();
            switch (field) {
                case "name" -> nullableText(field, value, MAX_NAME);
                case "description" -> nullableText(field, value, MAX_DESCRIPTION);
                case "instructions" -> nullableText(field, value, MAX_INSTRUCTIONS);
                case "avatar" -> avatar(value);
                case "provider" -> provider(value);
                case "model" -> model(value);
                case "model_parameters", "tool_options" -> freeForm(field, value);
                case "tools" -> texts(field, value, MAX_TOOLS, 256);
                case "agent_ids" -> texts(field, value, 100, 64);
                case "conversation_starters" -> texts(field, value, MAX_STARTERS, 1_000);
                case "edges" -> edges(value);
                case "end_after_tools", "hide_sequential_outputs" -> bool(field, value);
                case "artifacts" -> text(field, value, 0, 64);
                case "recursion_limit" -> recursionLimit(value);
                case "tool_resources" -> toolResources(value);
                case "support_contact" -> supportContact(value);
                case "category" -> text(field, value, 1, 100);
                // LibreChat has no route that promotes an agent; here an ADMIN may, others' value is dropped
                case "is_promoted" -> {
                    if (admin) {
                        bool(field, value);
                    }
                }
                default -> {
                    // not part of the agent schema: dropped, as zod strips unknown keys
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ApiException.Invalid(INVALID, String.join("; ", problems.stream()
                    .map(p -> p.field() + ": " + p.message()).toList()), problems);
        }
        return fields;
    }

    private void nullableText(String field, Object value, int max) {
        if (value == null) {
            fields.put(field, null);
        } else {
            text(field, value, 0, max);
        }
    }

    private void text(String field, Object value, int min, int max) {
        if (!(value instanceof String text)) {
            problem(field, "must be text");
        } else if (text.length() < min || text.length() > max) {
            problem(field, min == 0 ? "must be at most " + max + " characters" : "must be " + min + " to " + max + " characters");
        } else {
            fields.put(field, text);
        }
    }

    private void bool(String field, Object value) {
        if (value instanceof Boolean flag) {
            fields.put(field, flag);
        } else {
            problem(field, "must be true or false");
        }
    }

    private void provider(Object value) {
        if (!(value instanceof String name) || name.isBlank()) {
            problem("provider", "is required");
            return;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        boolean caseTypo = !BUILT_IN_PROVIDERS.contains(name)
                && BUILT_IN_PROVIDERS.stream().anyMatch(p -> p.toLowerCase(Locale.ROOT).equals(lower));
        if (caseTypo || NOT_PROVIDERS.contains(lower) || !CUSTOM_PROVIDER.matcher(name).matches()) {
            problem("provider", "unknown provider: use openAI, azureOpenAI, anthropic, google, bedrock or the name of "
                    + "a custom endpoint (1 to 100 letters, digits, spaces or _ . ( ) -)");
            return;
        }
        fields.put("provider", name);
    }

    private void model(Object value) {
        if (!(value instanceof String name) || name.isBlank()) {
            problem("model", "must name a model");
        } else if (name.length() > 256) {
            problem("model", "must be at most 256 characters");
        } else {
            fields.put("model", name);
        }
    }

    private void recursionLimit(Object value) {
        if (value instanceof Integer || value instanceof Long) {
            long limit = ((Number) value).longValue();
            if (limit >= 1 && limit <= MAX_RECURSION_LIMIT) {
                fields.put("recursion_limit", (int) limit);
                return;
            }
        }
        problem("recursion_limit", "must be a whole number from 1 to " + MAX_RECURSION_LIMIT);
    }

    private void avatar(Object value) {
        if (value == null) {
            fields.put("avatar", null);
            return;
        }
        if (!(value instanceof Map<?, ?> map) || !(map.get("filepath") instanceof String path)
                || !(map.get("source") instanceof String source) || path.length() > 2_048 || source.length() > 64) {
            problem("avatar", "must be {filepath, source} (text, at most 2048 and 64 characters)");
            return;
        }
        fields.put("avatar", new Document("filepath", path).append("source", source));
    }

    private void supportContact(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            problem("support_contact", "must be {name?, email?}");
            return;
        }
        Document contact = new Document();
        Object name = map.get("name");
        if (name != null && !(name instanceof String n && n.length() <= MAX_NAME)) {
            problem("support_contact.name", "must be text of at most " + MAX_NAME + " characters");
        } else if (name != null) {
            contact.put("name", name);
        }
        Object email = map.get("email");
        if (email != null && !(email instanceof String e && (e.isEmpty() || e.length() <= 254 && EMAIL.matcher(e).matches()))) {
            problem("support_contact.email", "must be an e-mail address or empty");
        } else if (email != null) {
            contact.put("email", email);
        }
        fields.put("support_contact", contact);
    }

    private void texts(String field, Object value, int maxItems, int maxChars) {
        if (!(value instanceof List<?> list)) {
            problem(field, "must be a list of text");
            return;
        }
        if (list.size() > maxItems) {
            problem(field, "must hold at most " + maxItems + " items");
            return;
        }
        List<String> out = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof String text) || text.isEmpty() || text.length() > maxChars) {
                problem(field, "items must be text of 1 to " + maxChars + " characters");
                return;
            }
            out.add(text);
        }
        fields.put(field, out);
    }

    private void edges(Object value) {
        if (!(value instanceof List<?> list)) {
            problem("edges", "must be a list of edges");
            return;
        }
        if (list.size() > MAX_EDGES) {
            problem("edges", "must hold at most " + MAX_EDGES + " edges");
            return;
        }
        List<Document> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "edges[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> edge)) {
                problem(at, "must be {from, to, edgeType?, description?, prompt?, excludeResults?, promptKey?}");
                continue;
            }
            Document doc = new Document();
            for (String end : List.of("from", "to")) {
                Object ends = edge.get(end);
                if (ends instanceof String one && !one.isEmpty() && one.length() <= 64) {
                    doc.put(end, one);
                } else if (ends instanceof List<?> many && !many.isEmpty() && many.size() <= MAX_EDGES
                        && many.stream().allMatch(a -> a instanceof String s && !s.isEmpty() && s.length() <= 64)) {
                    doc.put(end, List.copyOf(many));
                } else {
                    problem(at + "." + end, "must be an agent id or a list of agent ids");
                }
            }
            if (edge.get("edgeType") != null) {
                if (edge.get("edgeType") instanceof String type && EDGE_TYPES.contains(type)) {
                    doc.put("edgeType", type);
                } else {
                    problem(at + ".edgeType", "must be handoff or direct");
                }
            }
            edgeText(edge, "description", MAX_DESCRIPTION, at, doc);
            edgeText(edge, "prompt", 10_000, at, doc);
            edgeText(edge, "promptKey", 256, at, doc);
            if (edge.get("excludeResults") != null) {
                if (edge.get("excludeResults") instanceof Boolean flag) {
                    doc.put("excludeResults", flag);
                } else {
                    problem(at + ".excludeResults", "must be true or false");
                }
            }
            out.add(doc);
        }
        fields.put("edges", out);
    }

    private void edgeText(Map<?, ?> edge, String key, int max, String at, Document doc) {
        Object value = edge.get(key);
        if (value == null) {
            return;
        }
        if (value instanceof String text && text.length() <= max) {
            doc.put(key, text);
        } else {
            problem(at + "." + key, "must be text of at most " + max + " characters");
        }
    }

    private void toolResources(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            problem("tool_resources", "must be an object");
            return;
        }
        Document out = new Document();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String resource = String.valueOf(entry.getKey());
            if (!TOOL_RESOURCES.contains(resource)) {
                continue; // unknown resources are dropped, as zod does
            }
            String at = "tool_resources." + resource;
            if (!(entry.getValue() instanceof Map<?, ?> ids)) {
                problem(at, "must be {file_ids?, vector_store_ids?}");
                continue;
            }
            Document resourceDoc = new Document();
            for (String kind : List.of("file_ids", "vector_store_ids")) {
                Object list = ids.get(kind);
                if (list == null) {
                    continue;
                }
                if (list instanceof List<?> items && items.size() <= MAX_IDS
                        && items.stream().allMatch(id -> id instanceof String s && !s.isEmpty() && s.length() <= 128)) {
                    resourceDoc.put(kind, List.copyOf(items));
                } else {
                    problem(at + "." + kind, "must be a list of at most " + MAX_IDS + " ids");
                }
            }
            out.put(resource, resourceDoc);
        }
        fields.put("tool_resources", out);
    }

    /** A free-form object stored as given: JSON values only, no operator or dotted keys, bounded in size. */
    private void freeForm(String field, Object value) {
        if (!(value instanceof Map<?, ?>)) {
            problem(field, "must be an object");
            return;
        }
        String wrong = wrongPart(value, 0);
        if (wrong != null) {
            problem(field, wrong);
        } else if (size.chars(value) > MAX_FREE_FORM_CHARS) {
            problem(field, "must be at most " + MAX_FREE_FORM_CHARS + " characters of JSON");
        } else {
            fields.put(field, toDocument(value));
        }
    }

    private static String wrongPart(Object value, int depth) {
        if (depth > MAX_DEPTH) {
            return "is nested too deeply";
        }
        return switch (value) {
            case Map<?, ?> map -> {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    String key = String.valueOf(entry.getKey());
                    if (key.isEmpty() || key.startsWith("$") || key.contains(".")) {
                        yield "contains a key that is not allowed: " + key;
                    }
                    String inner = wrongPart(entry.getValue(), depth + 1);
                    if (inner != null) {
                        yield inner;
                    }
                }
                yield null;
            }
            case List<?> list -> list.stream().map(item -> wrongPart(item, depth + 1)).filter(w -> w != null)
                    .findFirst().orElse(null);
            case BigInteger big -> "holds a number too large to store";
            case BigDecimal big -> "holds a number too large to store";
            case Double d when d.isNaN() || d.isInfinite() -> "holds a number that is not finite";
            case null -> null;
            case String s -> null;
            case Number n -> null;
            case Boolean b -> null;
            default -> "holds a value that is not JSON";
        };
    }

    private static Object toDocument(Object value) {
        return switch (value) {
            case Map<?, ?> map -> {
                Document doc = new Document();
                map.forEach((k, v) -> doc.put(String.valueOf(k), toDocument(v)));
                yield doc;
            }
            case List<?> list -> list.stream().map(AgentInput::toDocument).toList();
            case null -> null;
            default -> value;
        };
    }

    private void problem(String field, String message) {
        problems.add(new FieldProblem(field, message));
    }

    /** Names of the MCP servers the tools use ({@code <tool>_mcp_<server>}), first seen first. */
    static List<String> mcpServerNames(List<?> tools) {
        Map<String, Boolean> names = new LinkedHashMap<>();
        for (Object tool : tools) {
            String name = String.valueOf(tool);
            int at = name.lastIndexOf("_mcp_");
            if (at > 0 && at + 5 < name.length()) {
                names.put(name.substring(at + 5), true);
            }
        }
        return List.copyOf(names.keySet());
    }
}
