package io.parley.agent.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One of LibreChat's {@code versions}: the definition as a change left it, shown as its fields plus the
 * time (and who changed it, after the first).
 *
 * @param updatedBy the user id of whoever made the change; null for the first version
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentVersion(@JsonUnwrapped AgentDefinition definition, Instant createdAt, Instant updatedAt,
                           @Nullable String updatedBy) {
}
