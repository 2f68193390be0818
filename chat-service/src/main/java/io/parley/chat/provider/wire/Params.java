package io.parley.chat.provider.wire;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads LibreChat's model parameters, which arrive under either spelling ({@code top_p} or {@code topP})
 * and as numbers, booleans or strings depending on where they were set (UI, preset, YAML).
 */
public final class Params {

    private final Map<String, Object> values;

    public Params(Map<String, Object> values) {
        this.values = values;
    }

    /** The first of {@code names} that is set, as given, or null. */
    public @Nullable Object raw(String... names) {
        for (String name : names) {
            Object value = values.get(name);
            if (value != null && !(value instanceof String s && s.isBlank())) {
                return value;
            }
        }
        return null;
    }

    /** A number (strings that parse count), or null when unset or not a number. */
    public @Nullable Number number(String... names) {
        Object value = raw(names);
        if (value instanceof Number n) {
            return n;
        }
        if (value instanceof String s) {
            try {
                return s.contains(".") ? (Number) Double.valueOf(s.trim()) : (Number) Long.valueOf(s.trim());
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
        return null;
    }

    public @Nullable Integer integer(String... names) {
        Number n = number(names);
        return n == null ? null : n.intValue();
    }

    public boolean flag(String name) {
        Object value = raw(name);
        return value instanceof Boolean b ? b : value instanceof String s && Boolean.parseBoolean(s.trim());
    }

    public @Nullable String string(String... names) {
        Object value = raw(names);
        return value == null ? null : value.toString();
    }

    /** Stop sequences, from a list or a single string; null when there are none. */
    public @Nullable List<String> stops(String... names) {
        Object value = raw(names);
        List<String> stops = value instanceof List<?> list
                ? list.stream().filter(s -> s != null && !s.toString().isEmpty()).map(Object::toString).toList()
                : value == null ? List.of() : List.of(value.toString());
        return stops.isEmpty() ? null : stops;
    }

    /** Puts {@code value} under {@code name} unless it is null, so unset parameters stay off the wire. */
    public static void putIfSet(Map<String, Object> body, String name, @Nullable Object value) {
        if (value != null) {
            body.put(name, value);
        }
    }
}
