package io.parley.chat.transfer;

import io.parley.common.error.ApiException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads the export formats LibreChat imports ({@code api/server/utils/import/importers.js}), detected
 * in its order: Claude, ChatGPT, chatbot-ui, LibreChat (flat {@code messages} or nested
 * {@code messagesTree}). Anything else is a 400; nothing is written until the whole file has been read.
 */
final class Importers {

    static final int MAX_MESSAGES = 200_000;

    private Importers() {
    }

    static List<Imported> read(JsonNode root) {
        if (root.isArray()) {
            JsonNode first = root.isEmpty() ? null : root.get(0);
            if (first != null && first.has("chat_messages")) {
                return claude(root);
            }
            if (first == null || first.has("mapping")) {
                return chatGpt(root);
            }
        } else if (root.isObject()) {
            if (root.has("version") && root.path("history").isArray()) {
                return chatbotUi(root);
            }
            if (root.has("conversationId") && (root.has("messagesTree") || root.has("messages"))) {
                return List.of(libreChat(root));
            }
        }
        throw new ApiException.Invalid("unsupported_import", "Unsupported import type", List.of());
    }

    private static Imported libreChat(JsonNode root) {
        String endpoint = text(root, "endpoint", text(root.path("options"), "endpoint", "openAI"));
        List<Imported.Message> messages = new ArrayList<>();
        JsonNode tree = root.has("messagesTree") ? root.get("messagesTree") : root.get("messages");
        if (!tree.isArray()) {
            throw new ApiException.Invalid("Unsupported import type");
        }
        // an explicit stack, so a deep nested tree cannot overflow the thread's stack
        ArrayDeque<Pending> stack = new ArrayDeque<>();
        tree.forEach(node -> stack.push(new Pending(node, null)));
        while (!stack.isEmpty()) {
            Pending entry = stack.pop();
            JsonNode m = entry.node();
            String id = text(m, "messageId", null);
            String parent = entry.parent() != null ? entry.parent() : text(m, "parentMessageId", null);
            messages.add(new Imported.Message(id, parent, text(m, "sender", ""), text(m, "text", ""),
                    m.path("isCreatedByUser").asBoolean(false), text(m, "model", null), instant(m.path("createdAt")),
                    parts(m.path("content"))));
            m.path("children").forEach(child -> stack.push(new Pending(child, id)));
            limit(messages);
        }
        return new Imported(text(root, "title", "Imported Chat"), endpoint, text(root.path("options"), "model", null),
                null, messages);
    }

    private static List<Imported> chatGpt(JsonNode root) {
        List<Imported> out = new ArrayList<>();
        for (JsonNode convo : root) {
            JsonNode mapping = convo.path("mapping");
            Set<String> kept = new HashSet<>();
            List<Imported.Message> messages = new ArrayList<>();
            String model = null;
            // Nodes without a visible message are skipped; their children hang on the nearest kept ancestor.
            for (Map.Entry<String, JsonNode> node : mapping.properties()) {
                JsonNode message = node.getValue().path("message");
                String role = message.path("author").path("role").asString("");
                String type = message.path("content").path("content_type").asString("");
                if (message.isMissingNode() || message.isNull() || role.equals("system") || role.equals("tool")
                        || type.equals("thoughts") || type.equals("reasoning_recap")) {
                    continue;
                }
                kept.add(node.getKey());
            }
            for (Map.Entry<String, JsonNode> node : mapping.properties()) {
                if (!kept.contains(node.getKey())) {
                    continue;
                }
                JsonNode message = node.getValue().path("message");
                String parent = node.getValue().path("parent").asString(null);
                while (parent != null && !kept.contains(parent)) {
                    parent = mapping.path(parent).path("parent").asString(null);
                }
                StringBuilder text = new StringBuilder();
                message.path("content").path("parts").forEach(p -> {
                    if (p.isString()) {
                        text.append(p.asString());
                    }
                });
                boolean user = message.path("author").path("role").asString("").equals("user");
                String slug = message.path("metadata").path("model_slug").asString(null);
                if (slug != null) {
                    model = slug;
                }
                messages.add(new Imported.Message(node.getKey(), parent, user ? "user" : slug == null ? "GPT" : "GPT-" + slug,
                        text.toString(), user, slug, seconds(message.path("create_time")), null));
                limit(messages);
            }
            out.add(new Imported(text(convo, "title", "Imported Chat"), "openAI", model, seconds(convo.path("create_time")), messages));
        }
        return out;
    }

    private static List<Imported> chatbotUi(JsonNode root) {
        List<Imported> out = new ArrayList<>();
        for (JsonNode convo : root.get("history")) {
            List<Imported.Message> messages = new ArrayList<>();
            String model = convo.path("model").path("id").asString(null);
            String previous = null;
            int i = 0;
            for (JsonNode m : convo.path("messages")) {
                String id = "m" + i++;
                boolean user = m.path("role").asString("").equals("user");
                messages.add(new Imported.Message(id, previous, user ? "user" : "assistant", m.path("content").asString(""),
                        user, model, null, null));
                previous = id;
                limit(messages);
            }
            out.add(new Imported(text(convo, "name", "Imported Chat"), "openAI", model, null, messages));
        }
        return out;
    }

    private static List<Imported> claude(JsonNode root) {
        List<Imported> out = new ArrayList<>();
        for (JsonNode convo : root) {
            List<Imported.Message> messages = new ArrayList<>();
            String previous = null;
            for (JsonNode m : convo.path("chat_messages")) {
                String id = text(m, "uuid", "m" + messages.size());
                String parent = text(m, "parent_message_uuid", previous);
                boolean user = m.path("sender").asString("").equals("human");
                StringBuilder text = new StringBuilder();
                List<Map<String, Object>> parts = new ArrayList<>();
                for (JsonNode part : m.path("content")) {
                    String type = part.path("type").asString("");
                    if (type.equals("text")) {
                        text.append(part.path("text").asString(""));
                        parts.add(Map.of("type", "text", "text", part.path("text").asString("")));
                    } else if (type.equals("thinking")) {
                        parts.add(Map.of("type", "think", "think", part.path("thinking").asString("")));
                    }
                }
                if (text.isEmpty()) {
                    text.append(m.path("text").asString(""));
                }
                messages.add(new Imported.Message(id, parent, user ? "user" : "Claude", text.toString(), user, null,
                        instant(m.path("created_at")), user || parts.isEmpty() ? null : parts));
                previous = id;
                limit(messages);
            }
            out.add(new Imported(text(convo, "name", "Imported Chat"), "anthropic", null, instant(convo.path("created_at")), messages));
        }
        return out;
    }

    private static List<Map<String, Object>> parts(JsonNode content) {
        if (!content.isArray()) {
            return null;
        }
        List<Map<String, Object>> parts = new ArrayList<>();
        for (JsonNode part : content) {
            if (part.isObject()) {
                parts.add(ImportJson.toMap(part));
            }
        }
        return parts;
    }

    private static void limit(List<?> messages) {
        if (messages.size() > MAX_MESSAGES) {
            throw new ApiException.TooLarge("The file holds more than " + MAX_MESSAGES + " messages");
        }
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.path(field);
        return value.isString() && !value.asString().isBlank() ? value.asString() : fallback;
    }

    private static Instant instant(JsonNode node) {
        if (!node.isString()) {
            return null;
        }
        try {
            return Instant.parse(node.asString());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant seconds(JsonNode node) {
        return node.isNumber() ? Instant.ofEpochMilli((long) (node.asDouble() * 1000)) : null;
    }

    /** A message of a nested export still to be read, with its parent's id from the nesting. */
    private record Pending(JsonNode node, String parent) {
    }
}
