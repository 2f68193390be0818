package io.parley.agent.definition;

import io.parley.common.error.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where the next page of an agent list starts: LibreChat's cursor, base64 of
 * {@code {"updatedAt":"<ISO>","_id":"<hex>"}} for lists newest first; the marketplace, which puts
 * promoted agents first, adds {@code "is_promoted"}. A cursor that does not decode is a 400.
 *
 * @param promoted null in a list that does not sort by promotion
 */
public record ListCursor(Boolean promoted, Date updatedAt, ObjectId id) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Newest first, then {@code _id} (LibreChat's list order). */
    public static final Sort NEWEST = Sort.by(Sort.Order.desc("updatedAt"), Sort.Order.desc("_id"));
    /** Promoted first, then newest (the marketplace). */
    public static final Sort PROMOTED_FIRST = Sort.by(Sort.Order.desc("is_promoted"), Sort.Order.desc("updatedAt"),
            Sort.Order.desc("_id"));

    /** The cursor after {@code last}; with {@code byPromotion} it carries the promotion too. */
    public static String after(Document last, boolean byPromotion) {
        Map<String, Object> cursor = new LinkedHashMap<>();
        if (byPromotion) {
            cursor.put("is_promoted", Boolean.TRUE.equals(last.get("is_promoted")));
        }
        cursor.put("updatedAt", last.getDate("updatedAt").toInstant().toString());
        cursor.put("_id", last.getObjectId("_id").toHexString());
        return Base64.getEncoder().encodeToString(JSON.writeValueAsString(cursor).getBytes(StandardCharsets.UTF_8));
    }

    /** @return null for no cursor */
    public static ListCursor parse(String cursor, boolean byPromotion) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String text = cursor.trim().replace(' ', '+'); // a "+" sent unencoded in a query arrives as a space
            byte[] raw = text.contains("-") || text.contains("_") ? Base64.getUrlDecoder().decode(text)
                    : Base64.getDecoder().decode(text);
            JsonNode node = JSON.readTree(new String(raw, StandardCharsets.UTF_8));
            Boolean promoted = null;
            if (byPromotion) {
                JsonNode flag = node.get("is_promoted");
                promoted = flag != null && flag.asBoolean();
            }
            return new ListCursor(promoted, Date.from(Instant.parse(node.get("updatedAt").asString())),
                    new ObjectId(node.get("_id").asString()));
        } catch (RuntimeException e) {
            throw ApiException.Invalid.field("cursor", "is not a cursor this server gave out");
        }
    }

    /** The items after this cursor in {@link #NEWEST} or, with a promotion, {@link #PROMOTED_FIRST} order. */
    public Criteria criteria() {
        Criteria newer = new Criteria().orOperator(Criteria.where("updatedAt").lt(updatedAt),
                new Criteria().andOperator(Criteria.where("updatedAt").is(updatedAt), Criteria.where("_id").lt(id)));
        if (promoted == null) {
            return newer;
        }
        if (promoted) {
            return new Criteria().orOperator(Criteria.where("is_promoted").ne(true),
                    new Criteria().andOperator(Criteria.where("is_promoted").is(true), newer));
        }
        return new Criteria().andOperator(Criteria.where("is_promoted").ne(true), newer);
    }
}
