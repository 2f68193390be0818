package io.parley.agent.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.parley.common.security.CurrentUser;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The whole agent, with its versions, as LibreChat answers create, update, revert, duplicate and
 * {@code /expanded}: Parley's {@code tenantId} left out, {@code author} only for the author.
 *
 * @param isPublic only in {@code /expanded}: whether the public may view it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record AgentView(String _id, String id, @JsonUnwrapped AgentDefinition definition, @Nullable String author,
                 String authorName, List<AgentVersion> versions, Instant createdAt, Instant updatedAt, int version,
                 @Nullable Boolean isPublic) {

    static AgentView of(Agent agent, CurrentUser caller, @Nullable Boolean isPublic) {
        return new AgentView(agent.resourceId(), agent.id(), agent.definition(), agent.authorShownTo(caller),
                agent.authorName(), agent.versions(), agent.createdAt(), agent.updatedAt(), agent.version(), isPublic);
    }
}
