package io.parley.chat.share;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A shared conversation as its readers receive it ({@code GET /api/share/:shareId}): ids replaced by
 * anonymous ones, no owner, only the message fields LibreChat's shared view renders.
 *
 * @param conversationId an anonymous id ({@code convo_…}), the same for every message of this answer
 */
record SharedConversation(String shareId, String title, boolean isPublic, Instant createdAt, Instant updatedAt,
                          String conversationId, List<Message> messages) {

    /**
     * One message, its ids anonymous ({@code msg_…}; a root's parent stays the all-zero id). Fields the
     * message does not have are left out.
     *
     * @param model only an assistant's id, anonymized ({@code a_…}); a model name would tell the provider
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Message(String messageId, String parentMessageId, String conversationId, @Nullable String sender,
                   @Nullable String text, @Nullable Object content, @Nullable String iconURL, @Nullable String model,
                   @Nullable Boolean isCreatedByUser, @Nullable Instant createdAt, @Nullable Instant updatedAt,
                   @Nullable Number tokenCount, @Nullable Boolean unfinished, @Nullable Boolean error,
                   @JsonProperty("finish_reason") @Nullable String finishReason) {
    }
}
