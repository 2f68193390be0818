package io.parley.chat.tag;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The bodies of {@code /api/tags}, read by common's {@code BodyReader}. Tag names are trimmed before they are
 * checked, as LibreChat trims them. Every field but the tag list may be sent as null, as LibreChat's client does
 * for fields it leaves unset.
 */
final class TagRequests {

    static final String NAME_LENGTH = "must be 1 to " + Tags.MAX_TAG + " characters";
    static final Set<String> NULLABLE = Set.of("tag", "description", "addToConversation", "conversationId", "position");

    private TagRequests() {
    }

    /** What {@code POST /api/tags} says about a conversation, read (and its access checked) before the tag. */
    record Placement(@Nullable Boolean addToConversation, @Nullable String conversationId) {

        boolean adding() {
            return Boolean.TRUE.equals(addToConversation);
        }
    }

    /** {@code POST /api/tags}: LibreChat answers an existing tag unchanged. */
    record NewTag(@NotNull(message = "is required") @Size(min = 1, max = Tags.MAX_TAG, message = NAME_LENGTH) @Nullable String tag,
                  @Size(max = Tags.MAX_DESCRIPTION) @Nullable String description) {
        NewTag {
            tag = trimmed(tag);
        }
    }

    /** {@code PUT /api/tags/:tag}: each field changes only when sent. */
    record TagChange(@Size(min = 1, max = Tags.MAX_TAG, message = NAME_LENGTH) @Nullable String tag,
                     @Size(max = Tags.MAX_DESCRIPTION) @Nullable String description,
                     @Min(1) @Nullable Integer position) {
        TagChange {
            tag = trimmed(tag);
        }
    }

    /** {@code PUT /api/tags/convo/:conversationId}: the conversation's tags, all of them. */
    record ConvoTags(@NotNull(message = "is required") @Size(max = Tags.MAX_TAGS_PER_CONVO)
                     @Nullable List<@NotNull @Size(min = 1, max = Tags.MAX_TAG, message = NAME_LENGTH) String> tags) {
        ConvoTags {
            tags = tags == null ? null : tags.stream().map(TagRequests::trimmed).toList();
        }
    }

    private static @Nullable String trimmed(@Nullable String tag) {
        return tag == null ? null : tag.trim();
    }
}
