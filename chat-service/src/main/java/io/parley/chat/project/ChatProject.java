package io.parley.chat.project;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A person's chat project (LibreChat's {@code TChatProject}), as stored and as the client receives it.
 *
 * @param description        empty when none was given
 * @param conversationCount  the conversations filed under it that are not archived
 * @param lastConversationAt when the last active of them changed; null while it holds none
 * @param lastConversationId that conversation's id; null while it holds none
 */
record ChatProject(@JsonProperty("_id") String id, String name, String description, String user,
                          long conversationCount, @Nullable Instant lastConversationAt,
                          @Nullable String lastConversationId, Instant createdAt, Instant updatedAt) {
}
