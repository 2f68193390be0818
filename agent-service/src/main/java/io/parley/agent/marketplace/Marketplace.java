package io.parley.agent.marketplace;

import io.parley.agent.definition.Agent;
import io.parley.agent.definition.AgentAccess;
import io.parley.agent.definition.AgentDeleted;
import io.parley.agent.definition.AgentListItem;
import io.parley.agent.definition.AgentPage;
import io.parley.agent.definition.AgentReach;
import io.parley.agent.definition.AgentSummary;
import io.parley.agent.definition.Agents;
import io.parley.agent.definition.ListQuery;
import io.parley.agent.definition.ReducedAgentView;
import io.parley.common.access.AccessClient;
import io.parley.common.security.CurrentUser;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * The marketplace (the specification's v2 routes): the agents shared with the caller or with
 * everyone (and the caller's own), promoted ones first, then newest; categories with the number of
 * agents the caller can see in each; and installing an agent, which records it in the caller's
 * installed list ({@code installed} on marketplace items, {@code ?installed=1} to list only those).
 * Installing grants nothing: whether the person may use the agent stays the ACL's decision, so an
 * installed agent that is no longer shared with them no longer lists.
 */
@Service
public class Marketplace {

    static final int MAX_LIMIT = 100;
    static final int DEFAULT_LIMIT = 24;
    /** LibreChat's default categories ({@code packages/data-schemas/src/methods/agentCategory.ts}), in order. */
    static final List<String> CATEGORIES = List.of("general", "hr", "rd", "finance", "it", "sales", "aftersales");

    private final Agents agents;
    private final AgentAccess access;
    private final InstallStore installs;

    Marketplace(Agents agents, AgentAccess access, InstallStore installs) {
        this.agents = agents;
        this.access = access;
        this.installs = installs;
    }

    AgentPage<MarketplaceItem> list(CurrentUser caller, ListQuery.Filter filter, boolean installedOnly,
                                    @Nullable String cursor, int limit) {
        access.requireMarketplace();
        Optional<Criteria> after = Agents.Order.PROMOTED_FIRST.after(cursor);
        AgentReach reach = access.reach(AccessClient.VIEW);
        if (installedOnly) {
            reach = reach.narrowedTo(installs.installed(caller.tenantId(), caller.id()));
        }
        Agents.Slice slice = agents.slice(caller.tenantId(), reach, filter, after, Agents.Order.PROMOTED_FIRST, limit);
        List<ObjectId> shown = slice.agents().stream().map(AgentSummary::objectId).toList();
        Set<ObjectId> publicIds = shown.isEmpty() ? Set.of() : access.publicAgents();
        Set<ObjectId> installed = shown.isEmpty() ? Set.of() : installs.installedOf(caller.tenantId(), caller.id(), shown);
        List<MarketplaceItem> items = slice.agents().stream().map(agent -> new MarketplaceItem(
                AgentListItem.of(agent, caller, publicIds.contains(agent.objectId())), agent.authorName(),
                installed.contains(agent.objectId()))).toList();
        return AgentPage.of(items, item -> item.agent().id(), slice.next());
    }

    /**
     * LibreChat's {@code GET /api/agents/categories}: a "promoted" entry first when any visible agent is
     * promoted, the default categories with their counts, and "all" last. Counts are of the agents the
     * caller can see (LibreChat counts the whole collection).
     */
    List<Category> categories(CurrentUser caller, boolean marketplace) {
        if (marketplace) {
            access.requireMarketplace();
        } else {
            access.requireUse();
        }
        Agents.CategoryCounts counts = agents.countByCategory(caller.tenantId(), access.reach(AccessClient.VIEW));
        List<Category> out = new ArrayList<>();
        if (counts.promoted() > 0) {
            out.add(new Category("promoted", "Promoted", counts.promoted(), "Our recommended agents"));
        }
        for (String value : CATEGORIES) {
            out.add(new Category(value, "com_agents_category_" + value, counts.byCategory().getOrDefault(value, 0L),
                    "com_agents_category_" + value + "_description"));
        }
        out.add(new Category("all", "All", null, "All available agents"));
        return out;
    }

    /** Adds a viewable agent to the caller's installed list; installing again changes nothing. */
    Installation install(CurrentUser caller, String agentId) {
        access.requireMarketplace();
        Agent agent = agents.find(caller, agentId);
        boolean isPublic = access.require(agent, AccessClient.VIEW);
        installs.install(new Install(caller.tenantId(), caller.id(), agent.objectId(), agent.id(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        return new Installation(true, ReducedAgentView.of(agent, caller, isPublic));
    }

    /** Takes an agent off the caller's installed list; taking off one that is not there changes nothing. */
    Installation uninstall(CurrentUser caller, String agentId) {
        access.requireMarketplace();
        Agent agent = agents.find(caller, agentId);
        installs.uninstall(caller.tenantId(), caller.id(), agent.objectId());
        return new Installation(false, null);
    }

    @EventListener
    void onAgentDeleted(AgentDeleted event) {
        installs.deleteForAgents(event.tenantId(), List.of(event.agentObjectId()));
    }

    /** Every install the person made in the tenant (account erasure); returns how many. */
    public long uninstallAllBy(String tenantId, String userId) {
        return installs.deleteForUser(tenantId, userId);
    }

    /** Everyone's installs of these agents in the tenant (account erasure of their author); returns how many. */
    public long uninstallEverywhere(String tenantId, Collection<ObjectId> agents) {
        return installs.deleteForAgents(tenantId, agents);
    }
}
