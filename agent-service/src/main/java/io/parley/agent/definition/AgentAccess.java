package io.parley.agent.definition;

import io.parley.agent.AgentProperties;
import io.parley.common.access.AccessClient;
import io.parley.common.access.RolesClient;
import io.parley.common.error.ApiException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Who may do what with agents, decided by auth-service: the role's feature gates (AGENTS.USE,
 * AGENTS.CREATE, MARKETPLACE.USE through {@code Roles}) and the agent's ACL (resource type
 * {@code agent}, resource id the agent's {@code _id} in hex, as in LibreChat's
 * {@code /api/permissions/agent/:id}). There is no shortcut for the author: the author holds
 * {@code agent_owner} from creation on, like anyone else through an entry.
 */
@Component
public class AgentAccess {

    public static final String TYPE = "agent";
    private static final Logger log = LoggerFactory.getLogger(AgentAccess.class);

    private final AccessClient access;
    private final RolesClient roles;
    private final int maxAccessible;

    AgentAccess(AccessClient access, RolesClient roles, AgentProperties properties) {
        this.access = access;
        this.roles = roles;
        this.maxAccessible = properties.maxAccessible();
    }

    /** AGENTS.USE: every agent route. */
    public void requireUse() {
        roles.require("AGENTS", "USE");
    }

    /** AGENTS.USE and CREATE: the routes that write agents. */
    public void requireCreate() {
        roles.require("AGENTS", "USE", "CREATE");
    }

    /** AGENTS.USE and MARKETPLACE.USE: the marketplace. */
    public void requireMarketplace() {
        roles.require("AGENTS", "USE");
        roles.require("MARKETPLACE", "USE");
    }

    /**
     * @return whether the public may view the agent (LibreChat's {@code isPublic})
     * @throws ApiException.Forbidden LibreChat's ACL denial unless the caller holds every bit of {@code bits}
     */
    public boolean require(Agent agent, int bits) {
        AccessClient.Check check = access.check(TYPE, agent.resourceId(), bits);
        if (!check.allowed()) {
            throw new ApiException.Forbidden("Forbidden", "Insufficient permissions to access this agent");
        }
        return (check.publicBits() & AccessClient.VIEW) != 0;
    }

    /** The caller's bits on the agent (0-15). */
    public int bits(Agent agent) {
        return access.check(TYPE, agent.resourceId(), AccessClient.VIEW).bits();
    }

    /** The agents the caller reaches with {@code bits}, as a list query's reach. */
    public AgentReach reach(int bits) {
        AccessClient.Accessible accessible = access.accessible(TYPE, bits, maxAccessible);
        return new AgentReach(accessible.all(), objectIds(accessible.ids()));
    }

    /** The {@code _id}s of the agents the public may view. */
    public Set<ObjectId> publicAgents() {
        return new HashSet<>(objectIds(access.publiclyAccessible(TYPE, AccessClient.VIEW, maxAccessible).ids()));
    }

    /** Before a new agent is stored: the creator becomes its owner (nothing is stored if this fails). */
    void created(ObjectId id) {
        access.grantOwner(TYPE, id.toHexString());
    }

    /** After an agent is deleted: its entries go too; a failure leaves entries that point at nothing. */
    void deleted(ObjectId id) {
        try {
            access.revokeAll(TYPE, id.toHexString());
        } catch (ApiException e) {
            log.warn("ACL entries of deleted agent {} not removed: {}", id, e.error());
        }
    }

    private static List<ObjectId> objectIds(List<String> ids) {
        return ids.stream().filter(ObjectId::isValid).map(ObjectId::new).toList();
    }
}
