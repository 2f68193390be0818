package io.parley.chat.support;

import io.parley.common.error.ApiException;
import java.util.Collection;
import java.util.Map;

/**
 * Free-form parts of a request (message content, files) are stored as given, so no key may be a
 * MongoDB operator or path: {@code $…} or dotted keys are refused rather than silently stripped.
 */
public final class SafeDocuments {

    private static final int MAX_DEPTH = 16;

    private SafeDocuments() {
    }

    public static void check(String field, Object value) {
        check(field, value, 0);
    }

    private static void check(String field, Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw ApiException.Invalid.field(field, "is nested too deeply");
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                if (key.startsWith("$") || key.contains(".") || key.isEmpty()) {
                    throw ApiException.Invalid.field(field, "contains a key that is not allowed: " + key);
                }
                check(field, entry.getValue(), depth + 1);
            }
        } else if (value instanceof Collection<?> list) {
            for (Object item : list) {
                check(field, item, depth + 1);
            }
        }
    }
}
