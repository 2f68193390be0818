package io.parley.agent.definition;

import io.parley.common.access.AccessClient;
import io.parley.common.error.ApiException;
import io.parley.common.paging.Keyset;
import io.parley.common.security.CurrentUser;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Service;

/**
 * LibreChat's agents as the other features and the read routes see them: one agent by id, the lists, and
 * what account erasure needs. The role gates come first (403 LibreChat's {@code Forbidden: Insufficient
 * permissions}), then the agent must exist in the caller's tenant (404 {@code Agent not found}), then the
 * caller needs the ACL bits of the route (403 {@code Insufficient permissions to access this agent}).
 * Changes are {@link AgentEditing}'s.
 */
@Service
public class Agents {

    static final int MAX_LIMIT = 1_000;

    private final AgentStore store;
    private final AgentAccess access;

    Agents(AgentStore store, AgentAccess access) {
        this.store = store;
        this.access = access;
    }

    /** The order of a list: LibreChat's newest first, or the marketplace's promoted first, then newest. */
    /**
     * The orders of agent lists, LibreChat's: newest first, or promoted first and then newest (the
     * marketplace), each with {@code _id} as the tie breaker of its keyset cursor.
     */
    public enum Order {
        NEWEST(Keyset.of(Keyset.Key.newestFirst("updatedAt"))),
        PROMOTED_FIRST(Keyset.of(new Keyset.Key("is_promoted", Keyset.Kind.FLAG, false), Keyset.Key.newestFirst("updatedAt")));

        final Keyset keyset;

        Order(Keyset keyset) {
            this.keyset = keyset;
        }

        /**
         * The agents after {@code cursor} in this order; empty for none.
         *
         * @throws io.parley.common.error.ApiException.Invalid when the cursor was not given out for this order
         */
        public Optional<Criteria> after(@Nullable String cursor) {
            return keyset.after(cursor);
        }
    }

    /**
     * Some agents of a list, in its order.
     *
     * @param next the cursor of the page after these; null when there is none
     */
    public record Slice(List<AgentSummary> agents, @Nullable String next) {
    }

    /**
     * @param byCategory how many agents each category holds (categories without agents left out)
     * @param promoted   how many agents are promoted
     */
    public record CategoryCounts(Map<String, Long> byCategory, long promoted) {
    }

    /**
     * The agent with this id in the caller's tenant; access is the caller's to check.
     *
     * @throws ApiException.NotFound LibreChat's {@code {error:"Agent not found"}} for an unknown or malformed id
     */
    public Agent find(CurrentUser caller, String agentId) {
        if (!AgentIds.isWellFormed(agentId)) {
            throw notFound();
        }
        return store.find(caller.tenantId(), agentId).orElseThrow(Agents::notFound);
    }

    /** {@code GET /api/agents/:id}: the reduced agent, for anyone who may VIEW it. */
    ReducedAgentView get(CurrentUser caller, String agentId) {
        access.requireUse();
        Agent agent = find(caller, agentId);
        boolean isPublic = access.require(agent, AccessClient.VIEW);
        return ReducedAgentView.of(agent, caller, isPublic);
    }

    /** {@code GET /api/agents/:id/expanded}: the whole agent, for whoever may EDIT it. */
    AgentView expanded(CurrentUser caller, String agentId) {
        access.requireUse();
        Agent agent = find(caller, agentId);
        boolean isPublic = access.require(agent, AccessClient.EDIT);
        return AgentView.of(agent, caller, isPublic);
    }

    /**
     * LibreChat's {@code GET /api/agents}: the agents on which the caller holds {@code requiredPermission},
     * newest first, filtered by category, promotion and a literal search of name and description.
     */
    AgentPage<AgentListItem> list(CurrentUser caller, int requiredPermission, ListQuery.Filter filter,
                                  @Nullable String cursor, int limit) {
        access.requireUse();
        Optional<Criteria> after = Order.NEWEST.after(cursor);
        Slice slice = slice(caller.tenantId(), access.reach(requiredPermission), filter, after, Order.NEWEST, limit);
        Set<ObjectId> publicIds = slice.agents().isEmpty() ? Set.of() : access.publicAgents();
        List<AgentListItem> items = slice.agents().stream()
                .map(agent -> AgentListItem.of(agent, caller, publicIds.contains(agent.objectId()))).toList();
        return AgentPage.of(items, AgentListItem::id, slice.next());
    }

    /** The reachable agents of the tenant after {@code after} ({@link Order#after}), at most {@code limit}. */
    public Slice slice(String tenantId, AgentReach reach, ListQuery.Filter filter, Optional<Criteria> after, Order order,
                       int limit) {
        return store.page(tenantId, reach, filter, after, order, limit);
    }

    public CategoryCounts countByCategory(String tenantId, AgentReach reach) {
        return store.countByCategory(tenantId, reach);
    }

    /** Whether an agent the caller may VIEW lists the file (LibreChat's file access through agents). */
    boolean listsReadableFile(CurrentUser caller, String fileId) {
        for (Agent agent : store.listingFile(caller.tenantId(), fileId, 20)) {
            if ((access.bits(agent) & AccessClient.VIEW) != 0) {
                return true;
            }
        }
        return false;
    }

    /** The {@code _id}s of the agents the person authored in the tenant (account erasure). */
    public List<ObjectId> authoredBy(String tenantId, String userId) {
        return store.authoredBy(tenantId, userId);
    }

    /**
     * Deletes every agent the person authored in the tenant, with its versions (account erasure); their ACL
     * entries stay, granting nothing once the agent is gone.
     *
     * @return how many were deleted
     */
    public long deleteAuthoredBy(String tenantId, String userId) {
        return store.deleteAuthoredBy(tenantId, userId);
    }

    static ApiException notFound() {
        return new ApiException.NotFound("Agent not found", "Agent not found");
    }
}
