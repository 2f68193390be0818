package io.parley.agent.definition;

import io.parley.common.access.AccessClient;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * LibreChat's agents: create, read, change (each change that changes something adds a version),
 * revert to a version, duplicate, delete, list. The role gates come first (403 LibreChat's
 * {@code Forbidden: Insufficient permissions}), then the agent must exist in the caller's tenant (404
 * {@code Agent not found}), then the caller needs the ACL bits of the route (403 {@code Insufficient
 * permissions to access this agent}).
 */
@Service
public class Agents {

    static final int MAX_LIMIT = 1_000;
    private static final DateTimeFormatter COPY_STAMP = DateTimeFormatter.ofPattern("M/d/yy, HH:mm", Locale.US)
            .withZone(ZoneOffset.UTC);
    private static final Set<String> KEPT_BY_COPIES = Set.of("context", "ocr");
    private static final Logger log = LoggerFactory.getLogger(Agents.class);

    private final AgentStore store;
    private final AgentAccess access;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;

    Agents(AgentStore store, AgentAccess access, JsonMapper json, ApplicationEventPublisher events) {
        this.store = store;
        this.access = access;
        this.json = json;
        this.events = events;
    }

    /** One page of LibreChat's list: {@code {object:"list", data, first_id, last_id, has_more, after}}. */
    public record Page(String object, List<Map<String, Object>> data, String first_id, String last_id, boolean has_more,
                       String after) {

        public static Page of(List<Map<String, Object>> data, boolean more, String after) {
            return new Page("list", data, data.isEmpty() ? null : (String) data.getFirst().get("id"),
                    data.isEmpty() ? null : (String) data.getLast().get("id"), more, more ? after : null);
        }
    }

    public Map<String, Object> create(CurrentUser caller, Map<String, Object> body) {
        access.requireCreate();
        Document fields = AgentInput.forCreate(body, caller.isAdmin(), this::jsonChars);
        Date now = new Date();
        ObjectId id = new ObjectId();
        Document agent = new Document("_id", id).append("tenantId", caller.tenantId()).append("id", AgentIds.next());
        agent.append("name", null).append("description", null).append("instructions", null);
        for (String field : AgentDocument.VERSIONED) {
            if (fields.containsKey(field)) {
                agent.put(field, fields.get(field));
            }
        }
        defaults(agent);
        agent.append("author", caller.id()).append("authorName", authorName(caller));
        agent.append("versions", List.of(AgentDocument.version(AgentDocument.snapshot(agent), now, null)));
        agent.append("createdAt", now).append("updatedAt", now);
        insertOwned(agent);
        log.info("Agent created tenant_id={} agent_id={} user_id={}", caller.tenantId(), agent.getString("id"), caller.id());
        return AgentViews.full(agent, caller);
    }

    /** {@code GET /api/agents/:id}: the reduced agent, for anyone who may VIEW it. */
    public Map<String, Object> get(CurrentUser caller, String agentId) {
        access.requireUse();
        Document agent = find(caller, agentId);
        boolean isPublic = access.require(agent, AccessClient.VIEW);
        return AgentViews.reduced(agent, caller, isPublic);
    }

    /** {@code GET /api/agents/:id/expanded}: the whole agent, for whoever may EDIT it. */
    public Map<String, Object> expanded(CurrentUser caller, String agentId) {
        access.requireUse();
        Document agent = find(caller, agentId);
        boolean isPublic = access.require(agent, AccessClient.EDIT);
        Map<String, Object> view = AgentViews.full(agent, caller);
        view.put("isPublic", isPublic);
        return view;
    }

    /** Changes the named fields; a change that changes nothing is answered with the agent as it is, no version added. */
    public Map<String, Object> update(CurrentUser caller, String agentId, Map<String, Object> body) {
        return update(caller, agentId, () -> body);
    }

    /** {@link #update(CurrentUser, String, Map)} with the body read only after the role gates and the EDIT bit. */
    Map<String, Object> update(CurrentUser caller, String agentId, UnreadBody body) {
        return update(caller, agentId, body::asObject);
    }

    private Map<String, Object> update(CurrentUser caller, String agentId, Supplier<Map<String, Object>> body) {
        access.requireCreate();
        Document agent = find(caller, agentId);
        access.require(agent, AccessClient.EDIT);
        Document changes = AgentInput.forUpdate(body.get(), caller.isAdmin(), this::jsonChars);
        if (changes.containsKey("tools")) {
            changes.put("mcpServerNames", AgentInput.mcpServerNames((List<?>) changes.get("tools")));
        }
        Document before = AgentDocument.snapshot(agent);
        Document after = new Document(before);
        after.putAll(changes);
        if (AgentDocument.same(before, after)) {
            return AgentViews.full(agent, caller);
        }
        Date now = new Date();
        Update update = new Update().set("updatedAt", now)
                .push("versions", AgentDocument.version(after, now, caller.id()));
        changes.forEach(update::set);
        Document saved = store.updateIfUnchanged(caller.tenantId(), agent.getObjectId("_id"), agent.getDate("updatedAt"), update)
                .orElseThrow(Agents::changedMeanwhile);
        log.info("Agent updated tenant_id={} agent_id={} version={} user_id={}", caller.tenantId(), agentId,
                AgentDocument.versionCount(saved), caller.id());
        return AgentViews.full(saved, caller);
    }

    /** Adds a file to one of the agent's tool resources, as a PATCH of {@code tool_resources} would. */
    public Map<String, Object> addResourceFile(CurrentUser caller, String agentId, String toolResource, String fileId) {
        if (!AgentInput.TOOL_RESOURCES.contains(toolResource)) {
            throw ApiException.Invalid.field("tool_resource", "must be one of " + String.join(", ", AgentInput.TOOL_RESOURCES));
        }
        Document agent = find(caller, agentId);
        Map<String, Object> resources = new LinkedHashMap<>();
        if (agent.get("tool_resources") instanceof Map<?, ?> stored) {
            stored.forEach((name, ids) -> resources.put(String.valueOf(name), ids));
        }
        Map<String, Object> resource = new LinkedHashMap<>();
        if (resources.get(toolResource) instanceof Map<?, ?> ids) {
            ids.forEach((kind, list) -> resource.put(String.valueOf(kind), list));
        }
        List<Object> fileIds = new ArrayList<>(resource.get("file_ids") instanceof List<?> list ? list : List.of());
        if (!fileIds.contains(fileId)) {
            fileIds.add(fileId);
        }
        resource.put("file_ids", fileIds);
        resources.put(toolResource, resource);
        return update(caller, agentId, Map.of("tool_resources", resources));
    }

    /** Whether an agent the caller may VIEW lists the file (LibreChat's file access through agents). */
    public boolean listsReadableFile(CurrentUser caller, String fileId) {
        for (Document agent : store.listingFile(caller.tenantId(), fileId, 20)) {
            if ((access.bits(agent) & AccessClient.VIEW) != 0) {
                return true;
            }
        }
        return false;
    }

    /** Makes the agent's fields those of one of its versions again (no version is added, as in LibreChat). */
    Map<String, Object> revert(CurrentUser caller, String agentId, UnreadBody unread) {
        access.requireCreate();
        Document agent = find(caller, agentId);
        access.require(agent, AccessClient.EDIT);
        Map<String, Object> body = unread.asObject();
        Object index = body == null ? null : body.get("version_index");
        if (index == null) {
            throw new ApiException.Invalid("version_index is required", "version_index is required", List.of());
        }
        List<?> versions = agent.get("versions") instanceof List<?> list ? list : List.of();
        if (!(index instanceof Integer position) || position < 0 || position >= versions.size()) {
            throw new ApiException.Invalid(AgentInput.INVALID, "version_index must be a whole number from 0 to "
                    + (versions.size() - 1), List.of(new ApiException.FieldProblem("version_index", "names no version")));
        }
        Document version = (Document) versions.get(position);
        Update update = new Update().set("updatedAt", new Date());
        for (String field : AgentDocument.VERSIONED) {
            if (version.containsKey(field)) {
                update.set(field, version.get(field));
            } else if (agent.containsKey(field)) {
                update.unset(field);
            }
        }
        Document saved = store.updateIfUnchanged(caller.tenantId(), agent.getObjectId("_id"), agent.getDate("updatedAt"), update)
                .orElseThrow(Agents::changedMeanwhile);
        log.info("Agent reverted tenant_id={} agent_id={} to_version={} user_id={}", caller.tenantId(), agentId, position,
                caller.id());
        return AgentViews.full(saved, caller);
    }

    /**
     * A copy owned by the caller, named "<name> (M/d/yy, HH:mm)" as LibreChat names it; of the tool
     * resources only {@code context} (and the deprecated {@code ocr}) come along, the others' files
     * being the original's.
     */
    public Map<String, Object> duplicate(CurrentUser caller, String agentId) {
        access.requireCreate();
        Document original = find(caller, agentId);
        access.require(original, AccessClient.EDIT);
        Date now = new Date();
        ObjectId id = new ObjectId();
        Document copy = new Document("_id", id).append("tenantId", caller.tenantId()).append("id", AgentIds.next());
        AgentDocument.snapshot(original).forEach(copy::append);
        Object name = original.get("name");
        copy.put("name", (name == null ? "" : name + " ") + "(" + COPY_STAMP.format(now.toInstant()) + ")");
        if (original.get("tool_resources") instanceof Map<?, ?> resources) {
            Document kept = new Document();
            resources.forEach((k, v) -> {
                if (KEPT_BY_COPIES.contains(String.valueOf(k))) {
                    kept.put(String.valueOf(k), v);
                }
            });
            copy.put("tool_resources", kept);
        }
        copy.put("is_promoted", false);
        defaults(copy);
        copy.append("author", caller.id()).append("authorName", authorName(caller));
        copy.append("versions", List.of(AgentDocument.version(AgentDocument.snapshot(copy), now, null)));
        copy.append("createdAt", now).append("updatedAt", now);
        insertOwned(copy);
        log.info("Agent duplicated tenant_id={} from={} agent_id={} user_id={}", caller.tenantId(), agentId,
                copy.getString("id"), caller.id());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("agent", AgentViews.full(copy, caller));
        out.put("actions", List.of());
        return out;
    }

    /** The caller becomes the owner first; if the agent then cannot be stored, that grant is taken back. */
    private void insertOwned(Document agent) {
        ObjectId id = agent.getObjectId("_id");
        access.created(id);
        try {
            store.insert(agent);
        } catch (ApiException e) {
            access.deleted(id);
            throw e;
        }
    }

    public void delete(CurrentUser caller, String agentId) {
        access.requireCreate();
        Document agent = find(caller, agentId);
        access.require(agent, AccessClient.DELETE);
        store.delete(caller.tenantId(), agent.getObjectId("_id"));
        events.publishEvent(new AgentDeleted(caller.tenantId(), agent.getObjectId("_id")));
        access.deleted(agent.getObjectId("_id"));
        log.info("Agent deleted tenant_id={} agent_id={} user_id={}", caller.tenantId(), agentId, caller.id());
    }

    /**
     * LibreChat's {@code GET /api/agents}: the agents on which the caller holds {@code requiredPermission},
     * newest first, filtered by category, promotion and a literal search of name and description.
     */
    public Page list(CurrentUser caller, int requiredPermission, AgentStore.Filter filter, String cursor, int limit) {
        access.requireUse();
        ListCursor after = ListCursor.parse(cursor, false);
        AgentStore.Reach reach = access.reach(requiredPermission);
        List<Document> found = store.page(caller.tenantId(), reach, filter, after == null ? null : after.criteria(),
                ListCursor.NEWEST, limit);
        boolean more = found.size() > limit;
        List<Document> shown = more ? found.subList(0, limit) : found;
        Set<ObjectId> publicIds = shown.isEmpty() ? Set.of() : access.publicAgents();
        List<Map<String, Object>> data = new ArrayList<>();
        shown.forEach(agent -> data.add(AgentViews.listItem(agent, caller, publicIds.contains(agent.getObjectId("_id")))));
        return Page.of(data, more, shown.isEmpty() ? null : ListCursor.after(shown.getLast(), false));
    }

    /**
     * The agent with this id in the caller's tenant.
     *
     * @throws ApiException.NotFound LibreChat's {@code {error:"Agent not found"}} for an unknown or malformed id
     */
    public Document find(CurrentUser caller, String agentId) {
        if (!AgentIds.isWellFormed(agentId)) {
            throw notFound();
        }
        return store.find(caller.tenantId(), agentId).orElseThrow(Agents::notFound);
    }

    public static ApiException notFound() {
        return new ApiException.NotFound("Agent not found", "Agent not found");
    }

    private static ApiException changedMeanwhile() {
        return new ApiException.Conflict("The agent was changed by another request at the same time; load it and try again");
    }

    /** LibreChat's schema defaults. */
    private static void defaults(Document agent) {
        agent.putIfAbsent("tools", List.of());
        agent.putIfAbsent("conversation_starters", List.of());
        if (!(agent.get("category") instanceof String category) || category.isBlank()) {
            agent.put("category", "general");
        }
        agent.putIfAbsent("is_promoted", false);
        agent.put("mcpServerNames", AgentInput.mcpServerNames((List<?>) agent.get("tools")));
    }

    /** The author's username as the token carries it (never the e-mail: the marketplace shows it to others). */
    private static String authorName(CurrentUser caller) {
        return caller.username() == null ? "" : caller.username();
    }

    private int jsonChars(Object value) {
        return json.writeValueAsString(value).length();
    }
}
