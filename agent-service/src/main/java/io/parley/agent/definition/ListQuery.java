package io.parley.agent.definition;

/** The query parameters agent lists share, read as LibreChat reads them. */
public final class ListQuery {

    private ListQuery() {
    }

    /** {@code promoted=1} only promoted agents, {@code 0} only others; blank values filter nothing. */
    public static AgentStore.Filter filter(String category, String search, String promoted) {
        return new AgentStore.Filter(blankToNull(category), blankToNull(search),
                "1".equals(promoted) ? Boolean.TRUE : "0".equals(promoted) ? Boolean.FALSE : null);
    }

    /** A page size clamped to 1..max (LibreChat clamps rather than refuses); absent or not a number: {@code fallback}. */
    public static int limit(String limit, int fallback, int max) {
        if (limit == null || limit.isBlank()) {
            return fallback;
        }
        try {
            return (int) Math.max(1, Math.min(max, Long.parseLong(limit.trim())));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
