package io.parley.chat.memory;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One of a person's memories as LibreChat's client receives it ({@code TUserMemory}).
 *
 * @param tokenCount the value's length in tokens, counted when it was written
 */
record Memory(String key, String value, int tokenCount, @JsonProperty("updated_at") Instant updatedAt) {
}
