package io.parley.agent.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.parley.common.security.CurrentUser;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An item of LibreChat's {@code GET /api/agents} (its list projection), with {@code isPublic}. */
public record AgentListItem(String _id, String id, @Nullable String name, @Nullable Avatar avatar,
                            @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String author,
                            @Nullable String description, Instant updatedAt, String category,
                            @Nullable SupportContact support_contact, boolean is_promoted, boolean isPublic) {

    public static AgentListItem of(AgentSummary agent, CurrentUser caller, boolean isPublic) {
        return new AgentListItem(agent.objectId().toHexString(), agent.id(), agent.name(), agent.avatar(),
                agent.authorShownTo(caller), agent.description(), agent.updatedAt(), agent.category(),
                agent.support_contact(), agent.is_promoted(), isPublic);
    }
}
