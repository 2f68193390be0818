package io.parley.chat.provider;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The package's JSON mapper and null-tolerant readers for provider answers. */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    /** The string at {@code node}, or null when it is missing, null or not a string. */
    static String text(JsonNode node) {
        return node != null && node.isString() ? node.stringValue() : null;
    }

    /** The whole number at {@code node}, or {@code fallback} when it is missing or not a number. */
    static int integer(JsonNode node, int fallback) {
        return node != null && node.isNumber() ? node.intValue() : fallback;
    }

    static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }
}
