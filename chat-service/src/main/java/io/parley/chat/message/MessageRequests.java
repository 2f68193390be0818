package io.parley.chat.message;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The bodies of {@code /api/messages}' changes besides a saved message ({@link MessageInput}), read by common's
 * {@code BodyReader} once the message they change is known to be the caller's.
 */
final class MessageRequests {

    private MessageRequests() {
    }

    /**
     * {@code PUT /api/messages/:conversationId/:messageId}: the whole text, or (with {@code index}) the text of one
     * text/think content part. LibreChat's {@code model} is dropped: the token count does not depend on it here.
     */
    record TextChange(@NotNull(message = "is required") @Size(max = Messages.MAX_TEXT) @Nullable String text,
                      @Nullable Integer index) {
    }

    /** {@code PUT …/feedback}: {@code {feedback:null}} clears it. */
    record FeedbackChange(@Valid @Nullable Rating feedback) {
    }

    /**
     * LibreChat's feedback ({@code packages/data-provider/src/feedback.ts}). Its client sends {@code tag} as the
     * whole tag ({@code {key,label,direction,icon}}); the specification's clients send the key alone.
     */
    record Rating(@NotNull(message = RATINGS) @Pattern(regexp = "thumbsUp|thumbsDown", message = RATINGS) @Nullable String rating, @Nullable JsonNode tag,
                  @Size(max = Feedback.MAX_TEXT) @Nullable String text) {

        static final String RATINGS = "must be thumbsUp or thumbsDown";

        /** The tag's key; null when none was sent, empty when it is neither a key nor a tag with one. */
        @Nullable String tagKey() {
            if (tag == null || tag.isNull()) {
                return null;
            }
            JsonNode key = tag.isObject() ? tag.get("key") : tag;
            return key != null && key.isString() ? key.asString() : "";
        }
    }

    /**
     * {@code POST /api/messages/artifact/:messageId}. Types are checked as for every body; what LibreChat refuses
     * with {@code Invalid request parameters} is checked with its message.
     */
    record ArtifactEdit(@Nullable Integer index, @Nullable String original, @Nullable String updated) {
    }
}
