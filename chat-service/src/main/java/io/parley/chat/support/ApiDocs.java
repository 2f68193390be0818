package io.parley.chat.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Stored documents as LibreChat's client receives them: ObjectIds as hex strings, dates as ISO
 * instants, and Parley's own bookkeeping ({@code tenantId}) left out.
 */
public final class ApiDocs {

    private static final Set<String> INTERNAL = Set.of("tenantId", "_class");

    private ApiDocs() {
    }

    public static Map<String, Object> of(Document document, String... omit) {
        Map<String, Object> out = new LinkedHashMap<>();
        Set<String> left = Set.of(omit);
        document.forEach((key, value) -> {
            if (!INTERNAL.contains(key) && !left.contains(key)) {
                out.put(key, value(value));
            }
        });
        return out;
    }

    /** One stored value (scalar, nested document or list) as the client receives it. */
    public static Object value(Object value) {
        return switch (value) {
            case ObjectId id -> id.toHexString();
            case Date date -> date.toInstant();
            case Document nested -> of(nested);
            case Map<?, ?> map -> {
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(String.valueOf(k), value(v)));
                yield out;
            }
            case Collection<?> list -> {
                List<Object> out = new ArrayList<>(list.size());
                list.forEach(item -> out.add(value(item)));
                yield out;
            }
            case null -> null;
            default -> value;
        };
    }
}
