package io.parley.chat.support;

import io.parley.common.error.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * Where the next page starts: the sort field's value of the last item plus its {@code _id} as a tie
 * breaker, so items with equal values are neither skipped nor repeated. Opaque to clients (base64);
 * one that does not decode is a 400.
 */
public record KeysetCursor(Object primary, ObjectId id) {

    public static String after(Document last, String sortField) {
        Object value = last.get(sortField);
        String primary = switch (value) {
            case Date date -> "d" + date.getTime();
            case null -> "n";
            default -> "s" + Base64.getUrlEncoder().withoutPadding().encodeToString(value.toString().getBytes(StandardCharsets.UTF_8));
        };
        String raw = primary + "|" + last.getObjectId("_id").toHexString();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static Optional<KeysetCursor> parse(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return Optional.empty();
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
            int bar = raw.lastIndexOf('|');
            String primary = raw.substring(0, bar);
            ObjectId id = new ObjectId(raw.substring(bar + 1));
            Object value = switch (primary.charAt(0)) {
                case 'd' -> new Date(Long.parseLong(primary.substring(1)));
                case 's' -> new String(Base64.getUrlDecoder().decode(primary.substring(1)), StandardCharsets.UTF_8);
                case 'n' -> null;
                default -> throw new IllegalArgumentException("unknown cursor kind");
            };
            return Optional.of(new KeysetCursor(value, id));
        } catch (RuntimeException e) {
            throw ApiException.Invalid.field("cursor", "is not a cursor this server gave out");
        }
    }

    /** Items after this cursor in the order {@code sortField} (then {@code _id}), ascending or not. */
    public Criteria criteria(String sortField, boolean ascending) {
        Criteria beyond = ascending ? Criteria.where(sortField).gt(primary) : Criteria.where(sortField).lt(primary);
        Criteria tie = Criteria.where(sortField).is(primary).and("_id");
        tie = ascending ? tie.gt(id) : tie.lt(id);
        return new Criteria().orOperator(beyond, tie);
    }
}
