package io.parley.chat.support;

import io.parley.common.error.ApiException;
import io.parley.common.paging.Keyset;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * One page of a list, validated: unknown sort fields, out-of-range sizes and cursors this server did not
 * give out are the caller's mistake (400).
 *
 * @param order the sort (the field, then {@code _id})
 * @param after the items after the request's cursor; empty for the first page
 */
public record PageRequest(Keyset order, Optional<Criteria> after, int size) {

    public static final int DEFAULT_SIZE = 25;
    public static final int MAX_SIZE = 100;

    /** @param sortable the fields a list may be sorted by, with how each compares */
    public static PageRequest of(String sortBy, String defaultSort, Map<String, Keyset.Kind> sortable, String direction,
                                 String sizeText, String sizeField, String cursor) {
        String field = sortBy == null || sortBy.isBlank() ? defaultSort : sortBy;
        Keyset.Kind kind = sortable.get(field);
        if (kind == null) {
            throw ApiException.Invalid.field("sortBy", "must be one of " + String.join(", ", sortable.keySet().stream().sorted().toList()));
        }
        boolean ascending;
        if (direction == null || direction.isBlank() || direction.equalsIgnoreCase("desc")) {
            ascending = false;
        } else if (direction.equalsIgnoreCase("asc")) {
            ascending = true;
        } else {
            throw ApiException.Invalid.field("sortDirection", "must be asc or desc");
        }
        int size = sizeText == null || sizeText.isBlank() ? DEFAULT_SIZE : QueryNumbers.between(sizeField, sizeText, 1, MAX_SIZE);
        Keyset order = Keyset.of(new Keyset.Key(field, kind, ascending));
        return new PageRequest(order, order.after(cursor), size);
    }
}
