package io.parley.chat.message;

import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A message as LibreChat's client saves one ({@code POST /api/messages/:conversationId}), read by common's
 * {@code BodyReader}: a value of the wrong type is a 400, never converted or stored. Content parts, files and
 * attachments are LibreChat's free-form objects; their keys are checked by {@code SafeDocuments} before they
 * are stored. Every field may be sent as null, as the client sends the fields it leaves unset.
 */
record MessageInput(@Nullable String messageId, @Nullable String conversationId, @Nullable String parentMessageId,
                    @Size(max = Messages.MAX_SHORT) @Nullable String sender,
                    @Size(max = Messages.MAX_TEXT) @Nullable String text,
                    @Size(max = Messages.MAX_PARTS) @Nullable List<Map<String, Object>> content,
                    @Nullable Boolean isCreatedByUser,
                    @Size(max = Messages.MAX_SHORT) @Nullable String model,
                    @Size(max = Messages.MAX_SHORT) @Nullable String endpoint,
                    @PositiveOrZero @Nullable Integer tokenCount, @Nullable Boolean error, @Nullable Boolean unfinished,
                    @Size(max = Messages.MAX_PARTS) @Nullable List<Map<String, Object>> files,
                    @Size(max = Messages.MAX_PARTS) @Nullable List<Map<String, Object>> attachments,
                    @Size(max = Messages.MAX_SHORT) @Nullable String iconURL) {

    static final Set<String> NULLABLE = Set.of("messageId", "conversationId", "parentMessageId", "sender", "text",
            "content", "isCreatedByUser", "model", "endpoint", "tokenCount", "error", "unfinished", "files",
            "attachments", "iconURL");

    /** The message a save names: read, and its owner checked, before the rest of the body. */
    record Target(@Nullable String messageId) {
    }
}
