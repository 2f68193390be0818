package io.parley.chat.prompt;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

/**
 * The prompt library: groups with their versions, one of which is the production version; a use
 * counter. A group the caller may not view is "not found" (404), never described; one they may view
 * but not change is 403. Changes are checked only once that is settled.
 */
@Component
@Validated
public class Prompts {

    private final PromptStore store;
    private final PromptAccess access;

    Prompts(PromptStore store, PromptAccess access) {
        this.store = store;
        this.access = access;
    }

    /** A group as LibreChat's client lists it: with the text of its production version, null when that is gone. */
    record GroupView(@JsonUnwrapped PromptGroup group, @Nullable ProductionPrompt productionPrompt) {
    }

    record ProductionPrompt(String prompt) {
    }

    /** LibreChat's page of groups: numbers as strings, {@code pages} the next page's number while there is more. */
    record Page(List<GroupView> promptGroups, String pageNumber, int pageSize, String pages, boolean has_more,
                @Nullable String after) {
    }

    record Created(Prompt prompt, GroupView group) {
    }

    record Added(Prompt prompt) {
    }

    /** @param promptGroup present when the group went with its last version */
    record VersionDeleted(String prompt, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable GroupDeleted promptGroup) {
    }

    record GroupDeleted(String message, String id) {
    }

    Page groups(CurrentUser caller, @Nullable String name, @Nullable String category, int pageNumber, int pageSize) {
        List<PromptGroup> found = store.groups(caller.tenantId(), access.reachable(caller), blankToNull(name),
                blankToNull(category), (pageNumber - 1) * pageSize, pageSize + 1);
        boolean more = found.size() > pageSize;
        String next = Integer.toString(more ? pageNumber + 1 : pageNumber);
        return new Page(withProduction(caller, more ? found.subList(0, pageSize) : found), Integer.toString(pageNumber),
                pageSize, next, more, more ? next : null);
    }

    List<GroupView> all(CurrentUser caller, @Nullable String name, @Nullable String category) {
        return withProduction(caller, store.groups(caller.tenantId(), access.reachable(caller), blankToNull(name),
                blankToNull(category), 0, 10_000));
    }

    GroupView view(CurrentUser caller, String groupId) {
        return withProduction(caller, List.of(group(caller, groupId, access::canView))).getFirst();
    }

    /**
     * The group, for the caller to change it or add a version.
     *
     * @throws ApiException.Invalid when {@code groupId} is not an id
     * @throws ApiException.NotFound when the caller may not view it
     * @throws ApiException.Forbidden when they may view but not edit it
     */
    PromptGroup editable(CurrentUser caller, String groupId) {
        return group(caller, groupId, access::canEdit);
    }

    /** A new group with its first version, which becomes the production version. */
    Created create(CurrentUser caller, @Valid NewPrompt body) {
        String groupId = new ObjectId().toHexString();
        access.created(groupId);
        store.insertGroup(caller.tenantId(), groupId, caller.id(), caller.username() == null ? "" : caller.username(),
                body.group());
        Prompt first = store.insertPrompt(caller.tenantId(), groupId, caller.id(), body.prompt());
        PromptGroup saved = store.setProduction(caller.tenantId(), groupId, first.id()).orElseThrow(Prompts::groupNotFound);
        return new Created(first, withProduction(caller, List.of(saved)).getFirst());
    }

    /** @param group from {@link #editable} */
    Added addVersion(CurrentUser caller, PromptGroup group, @Valid PromptText text) {
        Prompt saved = store.insertPrompt(caller.tenantId(), group.id(), caller.id(), text);
        store.touch(caller.tenantId(), group.id());
        return new Added(saved);
    }

    /** @param group from {@link #editable} */
    GroupView change(CurrentUser caller, PromptGroup group, @Valid GroupFields changes) {
        return withProduction(caller, List.of(store.change(caller.tenantId(), group.id(), changes)
                .orElseThrow(Prompts::groupNotFound))).getFirst();
    }

    void makeProduction(CurrentUser caller, String promptId) {
        Prompt prompt = prompt(caller, promptId);
        PromptGroup group = group(caller, prompt.groupId(), access::canEdit);
        store.setProduction(caller.tenantId(), group.id(), prompt.id());
    }

    /** Counts a use of the group; how many there have been. */
    int use(CurrentUser caller, String groupId) {
        PromptGroup group = group(caller, groupId, access::canView);
        return store.countUse(caller.tenantId(), group.id()).orElseThrow(Prompts::groupNotFound).numberOfGenerations();
    }

    /** @throws ApiException.NotFound when there is no such version in a group the caller may view */
    Prompt prompt(CurrentUser caller, String promptId) {
        Prompt prompt = store.prompt(caller.tenantId(), objectId("promptId", promptId)).orElseThrow(Prompts::promptNotFound);
        PromptGroup group = store.group(caller.tenantId(), prompt.groupId()).orElseThrow(Prompts::promptNotFound);
        if (!access.canView(caller, group)) {
            throw promptNotFound();
        }
        return prompt;
    }

    List<Prompt> versions(CurrentUser caller, String groupId) {
        return store.prompts(caller.tenantId(), group(caller, groupId, access::canView).id());
    }

    /** Removes a version; the group goes with its last one, and production moves to the newest left. */
    VersionDeleted deleteVersion(CurrentUser caller, String promptId) {
        Prompt prompt = prompt(caller, promptId);
        PromptGroup group = group(caller, prompt.groupId(), access::canDelete);
        store.deletePrompt(caller.tenantId(), prompt.id());
        List<Prompt> left = store.prompts(caller.tenantId(), group.id());
        if (left.isEmpty()) {
            deleteGroup(caller, group);
            return new VersionDeleted("Prompt deleted successfully", new GroupDeleted("Prompt group deleted successfully", group.id()));
        }
        if (prompt.id().equals(group.productionId())) {
            store.setProduction(caller.tenantId(), group.id(), left.getFirst().id());
        }
        return new VersionDeleted("Prompt deleted successfully", null);
    }

    void deleteGroup(CurrentUser caller, String groupId) {
        deleteGroup(caller, group(caller, groupId, access::canDelete));
    }

    /** What the user wrote in the library, for the erasure of their account; returns how many documents went. */
    public long deleteAll(String tenantId, String userId) {
        return store.deleteAll(tenantId, userId);
    }

    private void deleteGroup(CurrentUser caller, PromptGroup group) {
        store.deleteGroup(caller.tenantId(), group.id());
        access.deleted(group.id());
    }

    private PromptGroup group(CurrentUser caller, String groupId, BiPredicate<CurrentUser, PromptGroup> allowed) {
        PromptGroup group = store.group(caller.tenantId(), objectId("groupId", groupId)).orElseThrow(Prompts::groupNotFound);
        if (!access.canView(caller, group)) {
            throw groupNotFound();
        }
        if (!allowed.test(caller, group)) {
            throw new ApiException.Forbidden("Insufficient permissions to change this prompt group");
        }
        return group;
    }

    private List<GroupView> withProduction(CurrentUser caller, List<PromptGroup> groups) {
        List<String> ids = groups.stream().map(PromptGroup::productionId).filter(Objects::nonNull).toList();
        Map<String, String> texts = store.promptsById(caller.tenantId(), ids).stream()
                .collect(Collectors.toMap(Prompt::id, Prompt::prompt));
        return groups.stream().map(group -> {
            String text = group.productionId() == null ? null : texts.get(group.productionId());
            return new GroupView(group, text == null ? null : new ProductionPrompt(text));
        }).toList();
    }

    /** @throws ApiException.Invalid naming {@code field} when {@code id} is not a hex ObjectId */
    private static String objectId(String field, @Nullable String id) {
        if (id == null || !ObjectId.isValid(id)) {
            throw ApiException.Invalid.field(field, "is not a valid id");
        }
        return id;
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    static ApiException groupNotFound() {
        return new ApiException.NotFound("Prompt group not found");
    }

    private static ApiException promptNotFound() {
        return new ApiException.NotFound("Prompt not found");
    }
}
