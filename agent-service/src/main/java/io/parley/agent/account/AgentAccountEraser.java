package io.parley.agent.account;

import io.parley.agent.definition.Agents;
import io.parley.agent.marketplace.Marketplace;
import io.parley.common.events.AccountDataEraser;
import java.util.List;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What agent-service keeps about a person whose account was deleted: the agents they authored (with
 * every version), their marketplace installs, and everyone's installs of those agents, in one tenant.
 *
 * <p>The ACL entries of the erased agents stay in auth-service: revoking them needs the person's
 * token, which no longer exists when the event arrives. auth-service removes the entries naming the
 * person; entries naming others (shares with people, groups, roles or the public) then point at an
 * agent that is gone, which grants nothing, since every route finds the agent here first (404).
 */
@Component
class AgentAccountEraser implements AccountDataEraser {

    private static final Logger log = LoggerFactory.getLogger(AgentAccountEraser.class);

    private final Agents agents;
    private final Marketplace marketplace;

    AgentAccountEraser(Agents agents, Marketplace marketplace) {
        this.agents = agents;
        this.marketplace = marketplace;
    }

    @Override
    public void erase(String tenantId, String userId) {
        // installs first: the agents' ids are needed to find others' installs of them, and a repeated
        // erasure after a failure still finds the agents
        long own = marketplace.uninstallAllBy(tenantId, userId);
        List<ObjectId> authored = agents.authoredBy(tenantId, userId);
        long others = authored.isEmpty() ? 0 : marketplace.uninstallEverywhere(tenantId, authored);
        long erased = agents.deleteAuthoredBy(tenantId, userId);
        log.info("Agent data erased tenant_id={} user_id={} agents={} installs={}", tenantId, userId, erased, own + others);
    }
}
