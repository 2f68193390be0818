package io.parley.agent.definition;

import org.jspecify.annotations.Nullable;

/** The query parameters agent lists share, read as LibreChat reads them. */
public final class ListQuery {

    private ListQuery() {
    }

    /**
     * Filters of a list; null means "no filter".
     *
     * @param search   literal words, matched case-insensitively in the name or the description
     * @param promoted true: only promoted agents; false: only others
     */
    public record Filter(@Nullable String category, @Nullable String search, @Nullable Boolean promoted) {

        static final Filter NONE = new Filter(null, null, null);
        static final Filter PROMOTED = new Filter(null, null, true);
    }

    /** {@code promoted=1} only promoted agents, {@code 0} only others; blank values filter nothing. */
    public static Filter filter(@Nullable String category, @Nullable String search, @Nullable String promoted) {
        return new Filter(blankToNull(category), blankToNull(search),
                "1".equals(promoted) ? Boolean.TRUE : "0".equals(promoted) ? Boolean.FALSE : null);
    }

    /** A page size clamped to 1..max (LibreChat clamps rather than refuses); absent or not a number: {@code fallback}. */
    public static int limit(@Nullable String limit, int fallback, int max) {
        if (limit == null || limit.isBlank()) {
            return fallback;
        }
        try {
            return (int) Math.max(1, Math.min(max, Long.parseLong(limit.trim())));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
