package io.parley.agent.definition;

import io.parley.common.security.CurrentUser;
import java.time.Instant;
import java.util.List;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;

/**
 * A stored agent: LibreChat's agent document in Parley's tenant.
 *
 * @param objectId   the stored document's {@code _id}; as hex, the agent's ACL resource id
 * @param id         LibreChat's id, {@code agent_} + 21 characters (see {@link AgentIds})
 * @param definition what its author defined, as it is now
 * @param author     the user id of whoever created it (shown only to them)
 * @param authorName their username when they created it (the marketplace shows it; never the e-mail)
 * @param versions   every definition it had, oldest first; the current one last
 * @param updatedAt  the last change, to the millisecond; a change applies only if it is still this
 */
public record Agent(ObjectId objectId, String tenantId, String id, AgentDefinition definition, String author,
                    String authorName, List<AgentVersion> versions, Instant createdAt, Instant updatedAt) {

    /** The ACL's resource id of the agent (LibreChat's {@code /api/permissions/agent/:id}). */
    public String resourceId() {
        return objectId.toHexString();
    }

    /** LibreChat's {@code version}: how many versions there are. */
    public int version() {
        return versions.size();
    }

    /** The author, for answers: LibreChat shows it to the author only. */
    @Nullable String authorShownTo(CurrentUser caller) {
        return caller.id().equals(author) ? author : null;
    }
}
