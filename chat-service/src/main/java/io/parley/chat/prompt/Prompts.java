package io.parley.chat.prompt;

import io.parley.chat.support.ApiDocs;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The prompt library: groups with their versions, one of which is the production version; a use
 * counter. A group the caller may not view is "not found" (404), never described.
 */
@Component
class Prompts {

    static final int MAX_PROMPT = 100_000;
    static final int MAX_NAME = 255;
    static final int MAX_ONELINER = 500;
    static final int MAX_CATEGORY = 100;
    static final int MAX_COMMAND = 56;
    static final Set<String> TYPES = Set.of("text", "chat");
    static final Set<String> GROUP_FIELDS = Set.of("name", "oneliner", "category", "command");

    private final PromptStore store;
    private final PromptAccess access;

    Prompts(PromptStore store, PromptAccess access) {
        this.store = store;
        this.access = access;
    }

    record Page(List<Map<String, Object>> promptGroups, String pageNumber, int pageSize, String pages, boolean has_more,
                String after) {
    }

    Page groups(CurrentUser caller, String name, String category, int pageNumber, int pageSize) {
        List<Document> found = store.groups(caller.tenantId(), access.reachable(caller), blankToNull(name),
                blankToNull(category), (pageNumber - 1) * pageSize, pageSize + 1);
        boolean more = found.size() > pageSize;
        List<Document> shown = more ? found.subList(0, pageSize) : found;
        return new Page(withProduction(caller, shown), Integer.toString(pageNumber), pageSize,
                more ? Integer.toString(pageNumber + 1) : Integer.toString(pageNumber), more,
                more ? Integer.toString(pageNumber + 1) : null);
    }

    List<Map<String, Object>> all(CurrentUser caller, String name, String category) {
        return withProduction(caller, store.groups(caller.tenantId(), access.reachable(caller), blankToNull(name),
                blankToNull(category), 0, 10_000));
    }

    Map<String, Object> group(CurrentUser caller, String groupId) {
        return withProduction(caller, List.of(group(caller, groupId, access::canView))).getFirst();
    }

    /** A new group with its first version, which becomes the production version. */
    Map<String, Object> create(CurrentUser caller, Map<String, Object> prompt, Map<String, Object> group) {
        if (prompt == null || group == null || !(group.get("name") instanceof String)) {
            throw new ApiException.Invalid("Prompt and group name are required");
        }
        String text = promptText(prompt);
        String type = promptType(prompt);
        Document groupDoc = new Document("tenantId", caller.tenantId()).append("author", caller.id())
                .append("authorName", caller.username() == null ? "" : caller.username())
                .append("numberOfGenerations", 0).append("oneliner", "").append("category", "").append("command", null);
        groupFields(group, false).forEach(groupDoc::append);
        Date now = new Date();
        ObjectId groupId = new ObjectId();
        groupDoc.append("_id", groupId).append("createdAt", now).append("updatedAt", now);
        access.created(groupId);
        store.insertGroup(groupDoc);
        Document promptDoc = store.insertPrompt(newPrompt(caller, groupDoc.getObjectId("_id"), text, type));
        Document saved = store.updateGroup(caller.tenantId(), groupDoc.getObjectId("_id"),
                new Update().set("productionId", promptDoc.getObjectId("_id"))).orElseThrow();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("prompt", ApiDocs.of(promptDoc));
        out.put("group", withProduction(caller, List.of(saved)).getFirst());
        return out;
    }

    Map<String, Object> addVersion(CurrentUser caller, String groupId, Map<String, Object> prompt) {
        Document group = group(caller, groupId, access::canEdit);
        if (prompt == null) {
            throw ApiException.Invalid.field("prompt", "is required");
        }
        Document saved = store.insertPrompt(newPrompt(caller, group.getObjectId("_id"), promptText(prompt), promptType(prompt)));
        store.updateGroup(caller.tenantId(), group.getObjectId("_id"), new Update());
        return Map.of("prompt", ApiDocs.of(saved));
    }

    Map<String, Object> updateGroup(CurrentUser caller, String groupId, Map<String, Object> changes) {
        Document group = group(caller, groupId, access::canEdit);
        Update update = new Update();
        groupFields(changes, true).forEach(update::set);
        return withProduction(caller, List.of(store.updateGroup(caller.tenantId(), group.getObjectId("_id"), update)
                .orElseThrow(Prompts::groupNotFound))).getFirst();
    }

    void makeProduction(CurrentUser caller, String promptId) {
        Document prompt = prompt(caller, promptId);
        Document group = group(caller, prompt.getObjectId("groupId").toHexString(), access::canEdit);
        store.updateGroup(caller.tenantId(), group.getObjectId("_id"), new Update().set("productionId", prompt.getObjectId("_id")));
    }

    int use(CurrentUser caller, String groupId) {
        Document group = group(caller, groupId, access::canView);
        return store.updateGroup(caller.tenantId(), group.getObjectId("_id"), new Update().inc("numberOfGenerations", 1))
                .orElseThrow(Prompts::groupNotFound).getInteger("numberOfGenerations", 0);
    }

    Map<String, Object> promptView(CurrentUser caller, String promptId) {
        return ApiDocs.of(prompt(caller, promptId));
    }

    List<Map<String, Object>> versions(CurrentUser caller, String groupId) {
        Document group = group(caller, groupId, access::canView);
        return store.prompts(caller.tenantId(), group.getObjectId("_id")).stream().map(ApiDocs::of).toList();
    }

    /** Removes a version; the group goes with its last one, and production moves to the newest left. */
    Map<String, Object> deleteVersion(CurrentUser caller, String promptId) {
        Document prompt = prompt(caller, promptId);
        Document group = group(caller, prompt.getObjectId("groupId").toHexString(), access::canDelete);
        store.deletePrompt(caller.tenantId(), prompt.getObjectId("_id"));
        List<Document> left = store.prompts(caller.tenantId(), group.getObjectId("_id"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("prompt", "Prompt deleted successfully");
        if (left.isEmpty()) {
            store.deleteGroup(caller.tenantId(), group.getObjectId("_id"));
            access.deleted(group.getObjectId("_id"));
            out.put("promptGroup", Map.of("message", "Prompt group deleted successfully", "id", group.getObjectId("_id").toHexString()));
        } else if (prompt.getObjectId("_id").equals(group.getObjectId("productionId"))) {
            store.updateGroup(caller.tenantId(), group.getObjectId("_id"), new Update().set("productionId", left.getFirst().getObjectId("_id")));
        }
        return out;
    }

    void deleteGroup(CurrentUser caller, String groupId) {
        Document group = group(caller, groupId, access::canDelete);
        store.deleteGroup(caller.tenantId(), group.getObjectId("_id"));
        access.deleted(group.getObjectId("_id"));
    }

    private Document group(CurrentUser caller, String groupId, BiPredicate<CurrentUser, Document> allowed) {
        Document group = store.group(caller.tenantId(), objectId("groupId", groupId)).orElseThrow(Prompts::groupNotFound);
        if (!access.canView(caller, group)) {
            throw groupNotFound();
        }
        if (!allowed.test(caller, group)) {
            throw new ApiException.Forbidden("Insufficient permissions to change this prompt group");
        }
        return group;
    }

    private Document prompt(CurrentUser caller, String promptId) {
        Document prompt = store.prompt(caller.tenantId(), objectId("promptId", promptId))
                .orElseThrow(() -> new ApiException.NotFound("Prompt not found"));
        Document group = store.group(caller.tenantId(), prompt.getObjectId("groupId"))
                .orElseThrow(() -> new ApiException.NotFound("Prompt not found"));
        if (!access.canView(caller, group)) {
            throw new ApiException.NotFound("Prompt not found");
        }
        return prompt;
    }

    private List<Map<String, Object>> withProduction(CurrentUser caller, List<Document> groups) {
        List<ObjectId> ids = groups.stream().map(g -> g.getObjectId("productionId")).filter(id -> id != null).toList();
        Map<ObjectId, Document> production = new LinkedHashMap<>();
        store.promptsById(caller.tenantId(), ids).forEach(p -> production.put(p.getObjectId("_id"), p));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Document group : groups) {
            Map<String, Object> view = new LinkedHashMap<>(ApiDocs.of(group));
            Document prod = production.get(group.getObjectId("productionId"));
            view.put("productionPrompt", prod == null ? null : Map.of("prompt", prod.getString("prompt")));
            out.add(view);
        }
        return out;
    }

    private static Document newPrompt(CurrentUser caller, ObjectId groupId, String text, String type) {
        Date now = new Date();
        return new Document("tenantId", caller.tenantId()).append("groupId", groupId).append("author", caller.id())
                .append("prompt", text).append("type", type).append("createdAt", now).append("updatedAt", now);
    }

    private static Map<String, Object> groupFields(Map<String, Object> fields, boolean strict) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : fields.entrySet()) {
            String field = entry.getKey();
            Object value = entry.getValue();
            if (!GROUP_FIELDS.contains(field)) {
                if (strict) {
                    throw ApiException.Invalid.field(field, "cannot be changed here");
                }
                continue;
            }
            if (value == null && field.equals("command")) {
                out.put(field, null);
                continue;
            }
            if (!(value instanceof String text)) {
                throw ApiException.Invalid.field(field, "must be text");
            }
            switch (field) {
                case "name" -> check(field, text.trim(), 1, MAX_NAME);
                case "oneliner" -> check(field, text, 0, MAX_ONELINER);
                case "category" -> check(field, text, 0, MAX_CATEGORY);
                default -> {
                    check(field, text, 0, MAX_COMMAND);
                    if (!text.matches("[a-z0-9-]*")) {
                        throw ApiException.Invalid.field("command", "may hold only a-z, 0-9 and '-'");
                    }
                }
            }
            out.put(field, field.equals("name") ? text.trim() : text);
        }
        return out;
    }

    private static void check(String field, String text, int min, int max) {
        if (text.length() < min || text.length() > max) {
            throw ApiException.Invalid.field(field, "must be " + min + " to " + max + " characters");
        }
    }

    private static String promptText(Map<String, Object> prompt) {
        if (!(prompt.get("prompt") instanceof String text) || text.isBlank() || text.length() > MAX_PROMPT) {
            throw ApiException.Invalid.field("prompt", "must be 1 to " + MAX_PROMPT + " characters");
        }
        return text;
    }

    private static String promptType(Map<String, Object> prompt) {
        Object type = prompt.getOrDefault("type", "text");
        if (!(type instanceof String t) || !TYPES.contains(t)) {
            throw ApiException.Invalid.field("type", "must be text or chat");
        }
        return (String) type;
    }

    static ObjectId objectId(String field, String id) {
        if (id == null || !ObjectId.isValid(id)) {
            throw ApiException.Invalid.field(field, "is not a valid id");
        }
        return new ObjectId(id);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    static ApiException groupNotFound() {
        return new ApiException.NotFound("Prompt group not found");
    }
}
