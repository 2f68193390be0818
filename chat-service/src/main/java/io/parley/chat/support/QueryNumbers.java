package io.parley.chat.support;

import io.parley.common.error.ApiException;

/** Whole numbers from query parameters: anything else, or out of range, is the caller's 400. */
public final class QueryNumbers {

    private QueryNumbers() {
    }

    public static int between(String field, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ApiException.Invalid.field(field, "must be a whole number from " + min + " to " + max);
    }
}
