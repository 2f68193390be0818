package io.parley.chat.message;

import io.parley.common.error.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * LibreChat's message feedback ({@code packages/data-provider/src/feedback.ts}): a thumbs-up or
 * thumbs-down, a tag from that direction's list, and an optional remark of at most 1024 characters.
 */
final class Feedback {

    static final int MAX_TEXT = 1024;
    private static final Map<String, Set<String>> TAGS = Map.of(
            "thumbsUp", Set.of("accurate_reliable", "creative_solution", "clear_well_written", "attention_to_detail", "other"),
            "thumbsDown", Set.of("not_matched", "inaccurate", "bad_style", "missing_image", "unjustified_refusal",
                    "not_helpful", "other"));

    private Feedback() {
    }

    /** @return the feedback to store, or null to clear it */
    static Map<String, Object> checked(Map<String, Object> feedback) {
        if (feedback == null) {
            return null;
        }
        if (!(feedback.get("rating") instanceof String rating) || !TAGS.containsKey(rating)) {
            throw ApiException.Invalid.field("feedback.rating", "must be thumbsUp or thumbsDown");
        }
        Object tag = feedback.get("tag");
        if (tag instanceof Map<?, ?> described) {
            tag = described.get("key");
        }
        if (tag != null && !(tag instanceof String key && TAGS.get(rating).contains(key))) {
            throw ApiException.Invalid.field("feedback.tag", "is not a " + rating + " tag");
        }
        Object text = feedback.get("text");
        if (text != null && !(text instanceof String s && s.length() <= MAX_TEXT)) {
            throw ApiException.Invalid.field("feedback.text", "must be text of at most " + MAX_TEXT + " characters");
        }
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("rating", rating);
        if (tag != null) {
            stored.put("tag", tag);
        }
        if (text != null) {
            stored.put("text", text);
        }
        return stored;
    }
}
