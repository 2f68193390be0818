package io.parley.chat.message;

import io.parley.chat.message.MessageRequests.Rating;
import io.parley.common.error.ApiException;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

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

    /**
     * @param feedback the rating as read (its rating one of LibreChat's two), null to clear it
     * @return the feedback to store, or null to clear it
     * @throws ApiException.Invalid when the tag is not one of the rating's
     */
    static @Nullable Stored stored(@Nullable Rating feedback) {
        if (feedback == null) {
            return null;
        }
        String rating = feedback.rating();
        String tag = feedback.tagKey();
        if (tag != null && !TAGS.getOrDefault(rating, Set.of()).contains(tag)) {
            throw ApiException.Invalid.field("feedback.tag", "is not a " + rating + " tag");
        }
        return new Stored(rating, tag, feedback.text());
    }

    /** Feedback as Parley stores it: the tag by its key. */
    record Stored(String rating, @Nullable String tag, @Nullable String text) {
    }
}
