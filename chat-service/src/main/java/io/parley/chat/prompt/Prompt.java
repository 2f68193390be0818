package io.parley.chat.prompt;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One version of a prompt group, as stored and as LibreChat's client receives it.
 *
 * @param id      hex ObjectId, LibreChat's {@code _id}
 * @param groupId the group's {@link PromptGroup#id()}
 * @param author  the user id of whoever wrote this version
 * @param type    {@code text} or {@code chat}
 */
record Prompt(@JsonProperty("_id") String id, String groupId, String author, String prompt, String type,
              Instant createdAt, Instant updatedAt) {
}
