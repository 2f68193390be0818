package io.parley.common.imports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;

/**
 * Reading the fields of a LibreChat document as mongoose left them: ids that are ObjectIds in one version and
 * strings in another, numbers of any BSON width, missing optional fields. A field that is required or of a
 * shape nothing can be made of is an {@link ImportSkipped} naming it.
 */
public final class SourceFields {

    private SourceFields() {
    }

    /** A non-blank string field. */
    public static String requiredText(Document source, String field) {
        String value = text(source, field);
        if (value == null || value.isBlank()) {
            throw new ImportSkipped("has no " + field);
        }
        return value;
    }

    /** A string field; null when absent or null; a field of another type is a skip. */
    public static @Nullable String text(Document source, String field) {
        Object value = source.get(field);
        return switch (value) {
            case null -> null;
            case String s -> s;
            default -> throw new ImportSkipped(field + " is not text");
        };
    }

    /** An id field stored as an ObjectId or as its hex string, as hex; null when absent. */
    public static @Nullable String hexId(Document source, String field) {
        Object value = source.get(field);
        return switch (value) {
            case null -> null;
            case ObjectId id -> id.toHexString();
            case String s when ObjectId.isValid(s) -> s.toLowerCase();
            default -> throw new ImportSkipped(field + " is not an ObjectId");
        };
    }

    /** {@link #hexId} that must be there. */
    public static String requiredHexId(Document source, String field) {
        String id = hexId(source, field);
        if (id == null) {
            throw new ImportSkipped("has no " + field);
        }
        return id;
    }

    /** The document's {@code _id} as an ObjectId (mongoose's default ids); a skip when it is another kind. */
    public static ObjectId objectId(Document source) {
        return new ObjectId(requiredHexId(source, "_id"));
    }

    /** A boolean field; {@code otherwise} when absent or null. */
    public static boolean bool(Document source, String field, boolean otherwise) {
        Object value = source.get(field);
        return switch (value) {
            case null -> otherwise;
            case Boolean b -> b;
            default -> throw new ImportSkipped(field + " is not a boolean");
        };
    }

    /** A number field of any BSON width as a double; null when absent or null. */
    public static @Nullable Double number(Document source, String field) {
        Object value = source.get(field);
        return switch (value) {
            case null -> null;
            case Decimal128 d -> d.bigDecimalValue().doubleValue();
            case Number n -> n.doubleValue();
            default -> throw new ImportSkipped(field + " is not a number");
        };
    }

    /** A date field; null when absent or null. ISO text (an export's shape) is read too. */
    public static @Nullable Instant instant(Document source, String field) {
        Object value = source.get(field);
        return switch (value) {
            case null -> null;
            case Date d -> d.toInstant();
            case String s -> {
                try {
                    yield Instant.parse(s);
                } catch (java.time.format.DateTimeParseException e) {
                    throw new ImportSkipped(field + " is not a date");
                }
            }
            default -> throw new ImportSkipped(field + " is not a date");
        };
    }

    /**
     * {@code createdAt}, else the time in the document's ObjectId (mongoose's timestamps are missing on
     * documents written by hand or by old versions), else now.
     */
    public static Instant createdAt(Document source) {
        Instant created = instant(source, "createdAt");
        if (created != null) {
            return created;
        }
        return source.get("_id") instanceof ObjectId id ? id.getDate().toInstant() : Instant.now();
    }

    /** {@code updatedAt}, else {@link #createdAt}. */
    public static Instant updatedAt(Document source) {
        Instant updated = instant(source, "updatedAt");
        return updated != null ? updated : createdAt(source);
    }

    /** A list of strings (ObjectIds as hex); empty when absent; a list holding anything else is a skip. */
    public static List<String> texts(Document source, String field) {
        Object value = source.get(field);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof Collection<?> list)) {
            throw new ImportSkipped(field + " is not a list");
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object item : list) {
            switch (item) {
                case String s -> out.add(s);
                case ObjectId id -> out.add(id.toHexString());
                default -> throw new ImportSkipped(field + " holds something other than text");
            }
        }
        return out;
    }

    /** A nested document; null when absent or null. */
    public static @Nullable Document document(Document source, String field) {
        Object value = source.get(field);
        return switch (value) {
            case null -> null;
            case Document d -> d;
            case Map<?, ?> map -> new Document(stringKeys(map));
            default -> throw new ImportSkipped(field + " is not an object");
        };
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    /**
     * The document as a feature that keeps LibreChat's shape stores it: every field but mongoose's {@code __v},
     * LibreChat's own {@code tenantId} and {@code dropped}, with {@code tenantId} first and both timestamps set.
     *
     * @throws ImportSkipped when a key anywhere in it is a MongoDB operator or path ({@link #hasUnsafeKeys})
     */
    public static Document copy(Document source, String tenantId, String... dropped) {
        java.util.Set<String> left = new java.util.HashSet<>(List.of(dropped));
        left.add("__v");
        left.add("tenantId");
        Document stored = new Document("tenantId", tenantId);
        source.forEach((key, value) -> {
            if (!left.contains(key)) {
                stored.put(key, value);
            }
        });
        if (hasUnsafeKeys(stored)) {
            throw new ImportSkipped("holds a key Parley does not store (one starting with $ or holding a dot)");
        }
        stored.put("createdAt", Date.from(createdAt(source)));
        stored.put("updatedAt", Date.from(updatedAt(source)));
        return stored;
    }

    /**
     * Whether any key under {@code value}, at any depth, is a MongoDB operator or path ({@code $…}, dotted or
     * empty): Parley stores free-form parts only without them.
     */
    public static boolean hasUnsafeKeys(@Nullable Object value) {
        return unsafe(value, 0);
    }

    private static boolean unsafe(@Nullable Object value, int depth) {
        if (depth > 64) {
            return true;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                if (key.isEmpty() || key.startsWith("$") || key.contains(".") || unsafe(entry.getValue(), depth + 1)) {
                    return true;
                }
            }
        } else if (value instanceof Collection<?> list) {
            for (Object item : list) {
                if (unsafe(item, depth + 1)) {
                    return true;
                }
            }
        }
        return false;
    }
}
