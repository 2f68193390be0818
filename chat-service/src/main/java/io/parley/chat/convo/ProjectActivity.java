package io.parley.chat.convo;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a chat project's list shows of a person's conversations: how many are filed under it and which
 * one was active last.
 *
 * @param conversations      the project's conversations that are not archived
 * @param lastConversationAt when the last active one changed; null when the project holds none
 * @param lastConversationId that conversation's id; null when the project holds none
 */
public record ProjectActivity(String projectId, long conversations, @Nullable Instant lastConversationAt,
                              @Nullable String lastConversationId) {

    public static ProjectActivity none(String projectId) {
        return new ProjectActivity(projectId, 0, null, null);
    }
}
