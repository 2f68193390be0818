package io.parley.chat.endpoint;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * librechat.yaml arrives through Spring's binder with every scalar as a string; LibreChat's client
 * wants {@code true} and {@code 0.2}, not {@code "true"} and {@code "0.2"}.
 */
final class YamlValues {

    private YamlValues() {
    }

    static Object typed(Object value) {
        return switch (value) {
            case Map<?, ?> map -> {
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(String.valueOf(k), typed(v)));
                yield out;
            }
            case Collection<?> list -> {
                List<Object> out = new ArrayList<>();
                list.forEach(item -> out.add(typed(item)));
                yield out;
            }
            case String text -> scalar(text);
            case null -> null;
            default -> value;
        };
    }

    private static Object scalar(String value) {
        if ("true".equals(value) || "false".equals(value)) {
            return Boolean.valueOf(value);
        }
        if (value.matches("-?\\d{1,18}")) {
            return Long.valueOf(value);
        }
        if (value.matches("-?\\d+\\.\\d+")) {
            return Double.valueOf(value);
        }
        return value;
    }
}
