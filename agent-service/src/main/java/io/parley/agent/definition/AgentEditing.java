package io.parley.agent.definition;

import io.parley.common.access.AccessClient;
import io.parley.common.body.BodyReader;
import io.parley.common.body.Sent;
import io.parley.common.body.UnreadBody;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Changes to LibreChat's agents: create, change (each change that changes something adds a version),
 * revert to a version, duplicate, delete. Each checks the role gates, then finds the agent (404), then
 * the ACL bits of the route (403), and only then reads the body, so nobody learns from a 400 about an
 * agent they may not touch.
 */
@Service
class AgentEditing {

    private static final Logger log = LoggerFactory.getLogger(AgentEditing.class);

    private final Agents agents;
    private final AgentStore store;
    private final AgentAccess access;
    private final BodyReader reader;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;

    AgentEditing(Agents agents, AgentStore store, AgentAccess access, BodyReader reader, JsonMapper json,
                 ApplicationEventPublisher events) {
        this.agents = agents;
        this.store = store;
        this.access = access;
        this.reader = reader;
        this.json = json;
        this.events = events;
    }

    /** {@code {version_index}} of a revert: which version, counted from 0. */
    record RevertRequest(@Nullable Integer version_index) {
    }

    AgentView create(CurrentUser caller, @Nullable ObjectNode body) {
        access.requireCreate();
        AgentDefinition definition = AgentDefinition.created(request(caller, body, AgentRequest.Creating.class));
        Agent agent = insertOwned(caller, definition, now());
        log.info("Agent created tenant_id={} agent_id={} user_id={}", caller.tenantId(), agent.id(), caller.id());
        return AgentView.of(agent, caller, null);
    }

    /** Changes the fields the body names; a change that changes nothing answers the agent as it is, no version added. */
    AgentView update(CurrentUser caller, String agentId, UnreadBody body) {
        return update(caller, agentId, () -> reader.object(body));
    }

    /** Sets the avatar, as a PATCH of {@code {avatar}} would. */
    AgentView setAvatar(CurrentUser caller, String agentId, Avatar avatar) {
        return update(caller, agentId, () -> patch("avatar", avatar));
    }

    /** Adds a file to one of the agent's tool resources, as a PATCH of {@code tool_resources} would. */
    void addResourceFile(CurrentUser caller, String agentId, String toolResource, String fileId) {
        if (!ToolResources.NAMES.contains(toolResource)) {
            throw ApiException.Invalid.field("tool_resource", "must be one of " + String.join(", ", ToolResources.NAMES));
        }
        ToolResources resources = agents.find(caller, agentId).definition().tool_resources();
        ToolResources withFile = (resources == null ? ToolResources.NONE : resources).withFile(toolResource, fileId);
        update(caller, agentId, () -> patch("tool_resources", withFile));
    }

    /** @param body read only once the caller may edit the agent */
    private AgentView update(CurrentUser caller, String agentId, Supplier<@Nullable ObjectNode> body) {
        access.requireCreate();
        Agent agent = agents.find(caller, agentId);
        access.require(agent, AccessClient.EDIT);
        AgentDefinition changed = agent.definition().with(request(caller, body.get()));
        if (changed.sameAs(agent.definition())) {
            return AgentView.of(agent, caller, null);
        }
        Instant now = now();
        Agent saved = store.replaceDefinition(agent, changed, new AgentVersion(changed, now, now, caller.id()), now)
                .orElseThrow(AgentEditing::changedMeanwhile);
        log.info("Agent updated tenant_id={} agent_id={} version={} user_id={}", caller.tenantId(), agentId,
                saved.version(), caller.id());
        return AgentView.of(saved, caller, null);
    }

    /** Makes the agent's definition that of one of its versions again (no version is added, as in LibreChat). */
    AgentView revert(CurrentUser caller, String agentId, UnreadBody body) {
        access.requireCreate();
        Agent agent = agents.find(caller, agentId);
        access.require(agent, AccessClient.EDIT);
        Integer index = reader.read(body, RevertRequest.class, AgentRequest.INVALID, Set.of("version_index")).value()
                .version_index();
        if (index == null) {
            throw new ApiException.Invalid("version_index is required", "version_index is required", List.of());
        }
        if (index < 0 || index >= agent.version()) {
            throw new ApiException.Invalid(AgentRequest.INVALID, "version_index must be a whole number from 0 to "
                    + (agent.version() - 1), List.of(new ApiException.FieldProblem("version_index", "names no version")));
        }
        Agent saved = store.replaceDefinition(agent, agent.versions().get(index).definition(), null, now())
                .orElseThrow(AgentEditing::changedMeanwhile);
        log.info("Agent reverted tenant_id={} agent_id={} to_version={} user_id={}", caller.tenantId(), agentId, index,
                caller.id());
        return AgentView.of(saved, caller, null);
    }

    /** A copy owned by the caller (see {@link AgentDefinition#copied}). */
    AgentView duplicate(CurrentUser caller, String agentId) {
        access.requireCreate();
        Agent original = agents.find(caller, agentId);
        access.require(original, AccessClient.EDIT);
        Instant now = now();
        Agent copy = insertOwned(caller, original.definition().copied(now), now);
        log.info("Agent duplicated tenant_id={} from={} agent_id={} user_id={}", caller.tenantId(), agentId, copy.id(),
                caller.id());
        return AgentView.of(copy, caller, null);
    }

    void delete(CurrentUser caller, String agentId) {
        access.requireCreate();
        Agent agent = agents.find(caller, agentId);
        access.require(agent, AccessClient.DELETE);
        store.delete(caller.tenantId(), agent.objectId());
        events.publishEvent(new AgentDeleted(caller.tenantId(), agent.objectId()));
        access.deleted(agent.objectId());
        log.info("Agent deleted tenant_id={} agent_id={} user_id={}", caller.tenantId(), agentId, caller.id());
    }

    /**
     * A new agent of the caller's with its first version. The caller becomes its owner first; if it then
     * cannot be stored, that grant is taken back.
     */
    private Agent insertOwned(CurrentUser caller, AgentDefinition definition, Instant now) {
        Agent agent = new Agent(new ObjectId(), caller.tenantId(), AgentIds.next(), definition, caller.id(),
                authorName(caller), List.of(new AgentVersion(definition, now, now, null)), now, now);
        access.created(agent.objectId());
        try {
            store.insert(agent);
        } catch (ApiException e) {
            access.deleted(agent.objectId());
            throw e;
        }
        return agent;
    }

    /** The body as an agent request; an ADMIN's {@code is_promoted} is read, anyone else's dropped unread. */
    private Sent<AgentRequest> request(CurrentUser caller, @Nullable ObjectNode body, Class<?>... groups) {
        if (body != null && !caller.isAdmin()) {
            body.remove("is_promoted");
        }
        return reader.read(body, AgentRequest.class, AgentRequest.INVALID, AgentRequest.NULLABLE, groups);
    }

    private ObjectNode patch(String field, Object value) {
        ObjectNode body = json.createObjectNode();
        body.set(field, json.valueToTree(value));
        return body;
    }

    /** The store keeps milliseconds; an answer shows what a later read shows. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The author's username as the token carries it (never the e-mail: the marketplace shows it to others). */
    private static String authorName(CurrentUser caller) {
        return caller.username() == null ? "" : caller.username();
    }

    private static ApiException changedMeanwhile() {
        return new ApiException.Conflict("The agent was changed by another request at the same time; load it and try again");
    }
}
