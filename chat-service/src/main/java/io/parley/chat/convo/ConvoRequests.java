package io.parley.chat.convo;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The bodies of {@code /api/convos}' changes, read by common's {@code BodyReader}. LibreChat wraps them in
 * {@code {arg:{…}}}; the conversation they name is read first ({@link Targeted}) and its access checked,
 * and only then the change itself, so another person's id is 404 whatever else the body holds.
 */
final class ConvoRequests {

    private ConvoRequests() {
    }

    /** {@code {conversationId}}: the conversation a request names. */
    record Target(@NotNull(message = "is required") @Nullable String conversationId) {
    }

    /** {@code {arg:{conversationId}}}. */
    record Targeted(@NotNull(message = "is required") @Valid @Nullable Target arg) {
    }

    /** {@code {arg:{title}}}; the title is trimmed, as LibreChat trims it, before it is checked. */
    record Retitled(@NotNull(message = "is required") @Valid @Nullable Title arg) {
    }

    record Title(@NotNull(message = "is required")
                 @Size(min = 1, max = Convos.MAX_TITLE, message = "must be 1 to " + Convos.MAX_TITLE + " characters")
                 @Nullable String title) {
        Title {
            title = title == null ? null : title.trim();
        }
    }

    /** {@code {arg:{isArchived}}}. */
    record Archived(@NotNull(message = "is required") @Valid @Nullable ArchiveFlag arg) {
    }

    record ArchiveFlag(@NotNull(message = "is required (true or false)") @Nullable Boolean isArchived) {
    }

    /** {@code {arg:{pinned}}} (LibreChat 0.8.7). */
    record Pinned(@NotNull(message = "is required") @Valid @Nullable PinFlag arg) {
    }

    record PinFlag(@NotNull(message = "is required (true or false)") @Nullable Boolean pinned) {
    }

    /**
     * LibreChat's {@code {arg:{conversationId}}} or the specification's {@code {conversationId}}; LibreChat's
     * {@code source}, {@code thread_id} and {@code endpoint} are dropped (Parley keeps no assistants threads).
     */
    record Deletion(@Valid @Nullable DeletionArg arg, @Nullable String conversationId) {

        /** The conversation named, LibreChat's form first; null when neither names one. */
        @Nullable String target() {
            return arg != null && arg.conversationId() != null ? arg.conversationId() : conversationId;
        }
    }

    record DeletionArg(@Nullable String conversationId) {
    }
}
