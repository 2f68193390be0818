package io.parley.auth.identityprovider;

import tools.jackson.databind.JsonNode;

/** Lenient reads of providers' JSON: a field that is missing, null, blank or of another shape is null. */
public final class JsonFields {

    private JsonFields() {
    }

    public static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isString()) {
            String text = value.stringValue();
            return text.isBlank() ? null : text;
        }
        return value.isNumber() || value.isBoolean() ? value.asString() : null;
    }

    /** A JSON boolean, or the strings "true"/"false" some providers send. */
    public static boolean flag(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null) {
            return false;
        }
        return value.isBoolean() ? value.booleanValue() : value.isString() && "true".equalsIgnoreCase(value.stringValue());
    }
}
