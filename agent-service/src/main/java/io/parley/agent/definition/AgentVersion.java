package io.parley.agent.definition;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One of LibreChat's {@code versions}: the definition as a change left it, shown as its fields plus the
 * time (and who changed it, after the first).
 *
 * @param updatedBy the user id of whoever made the change; null for the first version
 * @param extra     the version's stored fields Parley does not type, as {@link Agent#extra()} keeps the agent's;
 *                  never answered
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentVersion(@JsonUnwrapped AgentDefinition definition, Instant createdAt, Instant updatedAt,
                           @Nullable String updatedBy, @JsonIgnore Map<String, Object> extra) {

    public AgentVersion {
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /** A new version: it has only what Parley writes. */
    public AgentVersion(AgentDefinition definition, Instant createdAt, Instant updatedAt, @Nullable String updatedBy) {
        this(definition, createdAt, updatedAt, updatedBy, Map.of());
    }

    AgentVersion typedOnly() {
        return new AgentVersion(definition, createdAt, updatedAt, updatedBy);
    }
}
