package io.parley.chat.support;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reading a stored LibreChat document into a record that types some fields and keeps the rest as stored:
 * each {@code take} removes a field from {@code fields} and answers it when it has the type Parley writes,
 * and otherwise leaves it there (absent, null or of another type) for the record's extra fields, so nothing
 * stored is lost or changed.
 */
public final class StoredFields {

    private StoredFields() {
    }

    public static <T> @Nullable T take(Map<String, Object> fields, String field, Class<T> type) {
        Object value = fields.get(field);
        if (type.isInstance(value)) {
            fields.remove(field);
            return type.cast(value);
        }
        return null;
    }

    /** A list of objects (LibreChat's content parts, file references). */
    @SuppressWarnings("unchecked")
    public static @Nullable List<Map<String, Object>> takeObjects(Map<String, Object> fields, String field) {
        if (fields.get(field) instanceof List<?> list && list.stream().allMatch(Map.class::isInstance)) {
            fields.remove(field);
            return (List<Map<String, Object>>) list;
        }
        return null;
    }

    /** A list of strings (tags). */
    @SuppressWarnings("unchecked")
    public static @Nullable List<String> takeTexts(Map<String, Object> fields, String field) {
        if (fields.get(field) instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            fields.remove(field);
            return (List<String>) list;
        }
        return null;
    }

    /** A time, stored as a date; cut to milliseconds, as it is stored. */
    public static @Nullable Instant takeTime(Map<String, Object> fields, String field) {
        Object value = fields.get(field);
        Instant at = value instanceof Date date ? date.toInstant() : value instanceof Instant instant ? instant : null;
        if (at != null) {
            fields.remove(field);
            return at.truncatedTo(ChronoUnit.MILLIS);
        }
        return null;
    }

    /** {@code value} as stored: times as dates. */
    public static @Nullable Object stored(@Nullable Object value) {
        return value instanceof Instant at ? Date.from(at) : value;
    }

    /** Sets {@code field} when there is a value: an absent typed field stays absent in the document. */
    public static void putPresent(Map<String, Object> out, String field, @Nullable Object value) {
        if (value != null) {
            out.put(field, value);
        }
    }
}
