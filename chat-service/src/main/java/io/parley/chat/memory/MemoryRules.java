package io.parley.chat.memory;

import io.parley.common.error.ApiException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * LibreChat's checks of a memory ({@code api/server/routes/memories.js}, the key pattern of its
 * {@code MemoryEntry} schema, the valid keys of its memory tool), with its messages. The messages go in
 * {@code error} as well as {@code message}: LibreChat answers {@code {error: "<sentence>"}} here, and its
 * client shows {@code response.data.error} and looks in it for "lowercase letters and underscores".
 */
final class MemoryRules {

    static final int MAX_KEY = 1000;
    private static final Pattern KEY = Pattern.compile("[a-z_]+");
    /** The word LibreChat's memory agent answers when there is nothing to remember; never stored. */
    private static final String NOTHING = "nothing";

    private MemoryRules() {
    }

    /** The key of a new memory, as sent. */
    static String requiredKey(@Nullable Object key) {
        if (!(key instanceof String text) || text.isBlank()) {
            throw invalid("Key is required and must be a non-empty string.");
        }
        return text;
    }

    /**
     * The new key of an update, or null to keep it: a missing or empty key keeps it, as LibreChat's
     * {@code bodyKey || urlKey} does for JavaScript's false values.
     */
    static @Nullable String renamedKey(@Nullable Object key) {
        if (key == null || "".equals(key) || Boolean.FALSE.equals(key) || key instanceof Number n && n.doubleValue() == 0) {
            return null;
        }
        if (!(key instanceof String text) || text.isBlank()) {
            throw invalid("Key is required and must be a non-empty string.");
        }
        return text;
    }

    static String requiredValue(@Nullable Object value) {
        if (!(value instanceof String text) || text.isBlank()) {
            throw invalid("Value is required and must be a non-empty string.");
        }
        return text;
    }

    /** The lengths as sent, before trimming, as LibreChat measures them. */
    static void checkLengths(String key, String value, int charLimit) {
        if (key.length() > MAX_KEY) {
            throw invalid("Key exceeds maximum length of " + MAX_KEY + " characters. Current length: " + key.length()
                    + " characters.");
        }
        if (value.length() > charLimit) {
            throw invalid("Value exceeds maximum length of " + charLimit + " characters. Current length: "
                    + value.length() + " characters.");
        }
    }

    /** A key being given to a memory: LibreChat's pattern, librechat.yaml's valid keys, and not its "nothing". */
    static void checkNewKey(String key, List<String> validKeys) {
        if (!KEY.matcher(key).matches()) {
            throw invalid("Key must only contain lowercase letters and underscores");
        }
        if (!validKeys.isEmpty() && !validKeys.contains(key)) {
            throw invalid("Invalid key \"" + key + "\". Must be one of: " + String.join(", ", validKeys));
        }
        if (NOTHING.equals(key.toLowerCase(Locale.ROOT))) {
            throw invalid("The key \"nothing\" is reserved.");
        }
    }

    static ApiException invalid(String sentence) {
        return new ApiException.Invalid(sentence, sentence, List.of());
    }
}
