package io.parley.chat.prompt;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A prompt group as stored: LibreChat's {@code promptgroups} document without the tenant.
 *
 * @param id                  hex ObjectId, LibreChat's {@code _id}; also the resource id of the group's ACL entries
 * @param author              the user id of its author, who keeps every permission on it
 * @param authorName          the author's username when it was made; empty when they had none
 * @param numberOfGenerations how often it was used
 * @param command             the slash command, null for none
 * @param productionId        the version in production; left out of the JSON only while a new group has none yet
 */
record PromptGroup(@JsonProperty("_id") String id, String author, String authorName, int numberOfGenerations,
                   String oneliner, String category, @Nullable String command, String name, Instant createdAt,
                   Instant updatedAt, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String productionId) {
}
