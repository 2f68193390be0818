package io.parley.chat.provider.wire;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The provider adapters' JSON mapper and null-tolerant readers for provider answers. */
public final class Json {

    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    /** The string at {@code node}, or null when it is missing, null or not a string. */
    public static @Nullable String text(@Nullable JsonNode node) {
        return node != null && node.isString() ? node.stringValue() : null;
    }

    /** The whole number at {@code node}, or {@code fallback} when it is missing or not a number. */
    public static int integer(@Nullable JsonNode node, int fallback) {
        return node != null && node.isNumber() ? node.intValue() : fallback;
    }

    /** A tool's JSON Schema as an object; an empty or unreadable one means "no arguments". */
    public static Object schema(@Nullable String json) {
        if (!isEmpty(json)) {
            try {
                JsonNode node = MAPPER.readTree(json);
                if (node.isObject()) {
                    return MAPPER.convertValue(node, java.util.Map.class);
                }
            } catch (tools.jackson.core.JacksonException unreadable) {
                // fall through: the tool is still offered, without arguments
            }
        }
        return java.util.Map.of("type", "object", "properties", java.util.Map.of());
    }

    /** Arguments a model gave as JSON text, as an object (Anthropic wants the object); empty when not one. */
    public static Object arguments(@Nullable String json) {
        try {
            JsonNode node = MAPPER.readTree(isEmpty(json) ? "{}" : json);
            return node.isObject() ? MAPPER.convertValue(node, java.util.Map.class) : java.util.Map.of();
        } catch (tools.jackson.core.JacksonException unreadable) {
            return java.util.Map.of();
        }
    }

    public static boolean isEmpty(@Nullable String s) {
        return s == null || s.isEmpty();
    }
}
