package io.parley.chat.tag;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A person's tag (LibreChat's {@code ConversationTag}), as stored and as the client receives it.
 *
 * @param position the tag's place in the person's list, from 1
 * @param count    how many of the person's conversations carry it
 */
public record Tag(@JsonProperty("_id") String id, String user, String tag, @Nullable String description, long count,
                  int position, Instant createdAt, Instant updatedAt) {
}
