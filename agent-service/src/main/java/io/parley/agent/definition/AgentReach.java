package io.parley.agent.definition;

import java.util.Collection;
import java.util.Set;
import org.bson.types.ObjectId;

/**
 * The agents a list may show, as auth-service's ACL decides: every agent of the tenant ({@code all}, an
 * ADMIN) or those whose {@code _id} is among {@code ids}.
 */
public record AgentReach(boolean all, Collection<ObjectId> ids) {

    /** Only those of {@code agents} this reach holds. */
    public AgentReach narrowedTo(Set<ObjectId> agents) {
        return new AgentReach(false, all ? agents : agents.stream().filter(ids::contains).toList());
    }
}
