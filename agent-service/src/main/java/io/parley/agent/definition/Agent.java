package io.parley.agent.definition;

import io.parley.common.security.CurrentUser;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * @param extra      every stored field that writing the typed reading back would leave out: fields Parley does
 *                   not type (a later LibreChat's) and optional definition fields stored as null or with a type
 *                   Parley does not read ({@code "artifacts": null}, a {@code recursion_limit} of {@code "25"}); as
 *                   stored and in stored order, so an agent read and written again keeps them, explicit nulls
 *                   included. A typed field that is set wins over a kept one. Never answered: the views show
 *                   what Parley serves
 */
public record Agent(ObjectId objectId, String tenantId, String id, AgentDefinition definition, String author,
                    String authorName, List<AgentVersion> versions, Instant createdAt, Instant updatedAt,
                    Map<String, Object> extra) {

    public Agent {
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /** A new agent: it has only what Parley writes. */
    public Agent(ObjectId objectId, String tenantId, String id, AgentDefinition definition, String author,
                 String authorName, List<AgentVersion> versions, Instant createdAt, Instant updatedAt) {
        this(objectId, tenantId, id, definition, author, authorName, versions, createdAt, updatedAt, Map.of());
    }

    /** The agent with only what Parley types, in it and in its versions (an import leaves the rest out). */
    Agent typedOnly() {
        return new Agent(objectId, tenantId, id, definition, author, authorName,
                versions.stream().map(AgentVersion::typedOnly).toList(), createdAt, updatedAt);
    }

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
