package io.parley.agent.marketplace;

import io.parley.agent.definition.AgentAccess;
import io.parley.agent.definition.AgentDeleted;
import io.parley.agent.definition.AgentStore;
import io.parley.agent.definition.AgentViews;
import io.parley.agent.definition.Agents;
import io.parley.agent.definition.ListCursor;
import io.parley.common.access.AccessClient;
import io.parley.common.security.CurrentUser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.types.ObjectId;
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
class Marketplace {

    static final int MAX_LIMIT = 100;
    static final int DEFAULT_LIMIT = 24;
    /** LibreChat's default categories ({@code packages/data-schemas/src/methods/agentCategory.ts}), in order. */
    static final List<String> CATEGORIES = List.of("general", "hr", "rd", "finance", "it", "sales", "aftersales");

    private final AgentStore store;
    private final AgentAccess access;
    private final Agents agents;
    private final InstallStore installs;

    Marketplace(AgentStore store, AgentAccess access, Agents agents, InstallStore installs) {
        this.store = store;
        this.access = access;
        this.agents = agents;
        this.installs = installs;
    }

    Agents.Page list(CurrentUser caller, AgentStore.Filter filter, boolean installedOnly, String cursor, int limit) {
        access.requireMarketplace();
        ListCursor after = ListCursor.parse(cursor, true);
        AgentStore.Reach reach = access.reach(AccessClient.VIEW);
        if (installedOnly) {
            Set<ObjectId> mine = installs.installed(caller.tenantId(), caller.id());
            reach = new AgentStore.Reach(false, reach.all() ? mine : mine.stream().filter(reach.ids()::contains).toList());
        }
        List<Document> found = store.page(caller.tenantId(), reach, filter, after == null ? null : after.criteria(),
                ListCursor.PROMOTED_FIRST, limit);
        boolean more = found.size() > limit;
        List<Document> shown = more ? found.subList(0, limit) : found;
        List<ObjectId> ids = shown.stream().map(a -> a.getObjectId("_id")).toList();
        Set<ObjectId> publicIds = shown.isEmpty() ? Set.of() : access.publicAgents();
        Set<ObjectId> installed = shown.isEmpty() ? Set.of() : installs.installedOf(caller.tenantId(), caller.id(), ids);
        List<Map<String, Object>> data = new ArrayList<>();
        for (Document agent : shown) {
            Map<String, Object> item = AgentViews.listItem(agent, caller, publicIds.contains(agent.getObjectId("_id")));
            item.put("authorName", agent.get("authorName"));
            item.put("installed", installed.contains(agent.getObjectId("_id")));
            data.add(item);
        }
        return Agents.Page.of(data, more, shown.isEmpty() ? null : ListCursor.after(shown.getLast(), true));
    }

    /**
     * LibreChat's {@code GET /api/agents/categories}: a "promoted" entry first when any visible agent is
     * promoted, the default categories with their counts, and "all" last. Counts are of the agents the
     * caller can see (LibreChat counts the whole collection).
     */
    List<Map<String, Object>> categories(CurrentUser caller, boolean marketplace) {
        if (marketplace) {
            access.requireMarketplace();
        } else {
            access.requireUse();
        }
        AgentStore.Reach reach = access.reach(AccessClient.VIEW);
        Map<String, Long> counts = store.countByCategory(caller.tenantId(), reach);
        long promoted = store.countPromoted(caller.tenantId(), reach);
        List<Map<String, Object>> out = new ArrayList<>();
        if (promoted > 0) {
            out.add(category("promoted", "Promoted", promoted, "Our recommended agents"));
        }
        for (String value : CATEGORIES) {
            out.add(category(value, "com_agents_category_" + value, counts.getOrDefault(value, 0L),
                    "com_agents_category_" + value + "_description"));
        }
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("value", "all");
        all.put("label", "All");
        all.put("description", "All available agents");
        out.add(all);
        return out;
    }

    /** Adds a viewable agent to the caller's installed list; installing again changes nothing. */
    Map<String, Object> install(CurrentUser caller, String agentId) {
        access.requireMarketplace();
        Document agent = agents.find(caller, agentId);
        boolean isPublic = access.require(agent, AccessClient.VIEW);
        installs.install(caller.tenantId(), caller.id(), agent.getObjectId("_id"), agent.getString("id"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("installed", true);
        out.put("agent", AgentViews.reduced(agent, caller, isPublic));
        return out;
    }

    /** Takes an agent off the caller's installed list; taking off one that is not there changes nothing. */
    Map<String, Object> uninstall(CurrentUser caller, String agentId) {
        access.requireMarketplace();
        Document agent = agents.find(caller, agentId);
        installs.uninstall(caller.tenantId(), caller.id(), agent.getObjectId("_id"));
        return Map.of("installed", false);
    }

    @EventListener
    void onAgentDeleted(AgentDeleted event) {
        installs.deleteForAgents(event.tenantId(), List.of(event.agentObjectId()));
    }

    private static Map<String, Object> category(String value, String label, long count, String description) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("value", value);
        out.put("label", label);
        out.put("count", count);
        out.put("description", description);
        return out;
    }
}
