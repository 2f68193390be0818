package io.parley.common.paging;

import io.parley.common.error.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A sort order for keyset paging: the next page starts after the last item shown, by its values of the
 * sort fields and then its {@code _id}, so items with equal values are neither skipped nor repeated and
 * a page costs the same wherever it is in the list.
 *
 * <p>A cursor is LibreChat's: base64 of a JSON object of those values ({@code {"updatedAt":"<ISO>",
 * "_id":"<hex>"}}), opaque to clients; one that does not decode for this order is a 400. Values compare
 * as MongoDB sorts them: a missing or null value before any other in ascending order, a missing flag
 * before {@code false}.
 */
public final class Keyset {

    /** How a sort field's value is written into a cursor and compared. */
    public enum Kind { DATE, TEXT, FLAG }

    /** One sort field. */
    public record Key(String field, Kind kind, boolean ascending) {

        public static Key newestFirst(String field) {
            return new Key(field, Kind.DATE, false);
        }
    }

    private static final String ID = "_id";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<Key> keys;
    private final boolean idAscending;

    private Keyset(List<Key> keys) {
        this.keys = List.copyOf(keys);
        this.idAscending = keys.getLast().ascending();
    }

    /** The order of {@code keys}, then {@code _id} in the last key's direction. */
    public static Keyset of(Key... keys) {
        return new Keyset(List.of(keys));
    }

    public Sort sort() {
        List<Sort.Order> orders = new ArrayList<>();
        for (Key key : keys) {
            orders.add(key.ascending() ? Sort.Order.asc(key.field()) : Sort.Order.desc(key.field()));
        }
        orders.add(idAscending ? Sort.Order.asc(ID) : Sort.Order.desc(ID));
        return Sort.by(orders);
    }

    /**
     * One page of a list: the items shown and the cursor of the page after them.
     *
     * @param nextCursor null on the last page
     */
    public record Page(List<Document> items, @Nullable String nextCursor) {
    }

    /**
     * The page {@code fetched} holds: a list query reads one item more than the page's {@code size}, and
     * that extra item tells whether a next page exists; the cursor then points after the last item shown.
     */
    public Page page(List<Document> fetched, int size) {
        if (fetched.size() <= size) {
            return new Page(fetched, null);
        }
        List<Document> shown = fetched.subList(0, size);
        return new Page(shown, cursorAfter(shown.getLast()));
    }

    /** The cursor of the page after {@code last}, a stored document that holds the sort fields and its {@code _id}. */
    public String cursorAfter(Document last) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Key key : keys) {
            Object value = last.get(key.field());
            values.put(key.field(), switch (key.kind()) {
                case DATE -> value instanceof Date date ? date.toInstant().toString() : null;
                case TEXT -> value == null ? null : value.toString();
                case FLAG -> value instanceof Boolean flag ? flag : null;
            });
        }
        values.put(ID, last.getObjectId(ID).toHexString());
        return Base64.getEncoder().encodeToString(JSON.writeValueAsString(values).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The items after {@code cursor}; empty for no cursor.
     *
     * @throws ApiException.Invalid when the cursor was not given out for this order
     */
    public Optional<Criteria> after(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return Optional.empty();
        }
        List<Object> values = new ArrayList<>();
        ObjectId id;
        try {
            JsonNode node = JSON.readTree(new String(decode(cursor), StandardCharsets.UTF_8));
            for (Key key : keys) {
                values.add(read(key, node.get(key.field())));
            }
            id = new ObjectId(node.get(ID).asString());
        } catch (RuntimeException e) {
            throw ApiException.Invalid.field("cursor", "is not a cursor this server gave out");
        }
        // After = beyond on the first key, or equal on it and beyond on the next, and so on down to _id.
        List<Criteria> branches = new ArrayList<>();
        List<Criteria> equalSoFar = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            Criteria beyond = beyond(keys.get(i), values.get(i));
            if (beyond != null) {
                branches.add(all(equalSoFar, beyond));
            }
            equalSoFar.add(equal(keys.get(i), values.get(i)));
        }
        branches.add(all(equalSoFar, idAscending ? Criteria.where(ID).gt(id) : Criteria.where(ID).lt(id)));
        return Optional.of(branches.size() == 1 ? branches.getFirst() : new Criteria().orOperator(branches));
    }

    private static byte[] decode(String cursor) {
        String text = cursor.trim().replace(' ', '+'); // a "+" sent unencoded in a query arrives as a space
        return text.contains("-") || text.contains("_") ? Base64.getUrlDecoder().decode(text) : Base64.getDecoder().decode(text);
    }

    private static Object read(Key key, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        return switch (key.kind()) {
            case DATE -> Date.from(Instant.parse(value.asString()));
            case TEXT -> value.asString();
            case FLAG -> {
                if (!value.isBoolean()) {
                    throw new IllegalArgumentException("not a flag");
                }
                yield value.asBoolean();
            }
        };
    }

    /** Items strictly after {@code value} on this key alone; null when none can be. */
    private static Criteria beyond(Key key, Object value) {
        if (value == null) {
            return key.ascending() ? Criteria.where(key.field()).ne(null) : null;
        }
        if (key.ascending()) {
            return Criteria.where(key.field()).gt(value);
        }
        return new Criteria().orOperator(Criteria.where(key.field()).lt(value), Criteria.where(key.field()).is(null));
    }

    private static Criteria equal(Key key, Object value) {
        return Criteria.where(key.field()).is(value);
    }

    private static Criteria all(List<Criteria> equal, Criteria last) {
        if (equal.isEmpty()) {
            return last;
        }
        List<Criteria> parts = new ArrayList<>(equal);
        parts.add(last);
        return new Criteria().andOperator(parts);
    }
}
