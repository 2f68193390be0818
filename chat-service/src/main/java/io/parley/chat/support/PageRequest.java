package io.parley.chat.support;

import io.parley.common.error.ApiException;
import java.util.Set;

/** Sort and size of one page, validated: unknown fields and out-of-range sizes are the caller's mistake (400). */
public record PageRequest(String sortBy, boolean ascending, int size) {

    public static final int DEFAULT_SIZE = 25;
    public static final int MAX_SIZE = 100;

    public static PageRequest of(String sortBy, String defaultSort, Set<String> sortable, String direction,
                                 String sizeText, String sizeField) {
        String field = sortBy == null || sortBy.isBlank() ? defaultSort : sortBy;
        if (!sortable.contains(field)) {
            throw ApiException.Invalid.field("sortBy", "must be one of " + String.join(", ", sortable.stream().sorted().toList()));
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
        return new PageRequest(field, ascending, size);
    }
}
