package io.parley.chat.project;

import io.parley.chat.convo.Conversation;
import io.parley.chat.convo.Convos;
import io.parley.chat.convo.ProjectActivity;
import io.parley.chat.support.ApiDocs;
import io.parley.chat.support.Ids;
import io.parley.chat.support.PageRequest;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A person's chat projects and the conversations filed under them. A conversation names its project in
 * {@code chatProjectId}; a project's count and last conversation are counted again from the
 * conversations whenever projects are read or a conversation moves, so they stay right whatever
 * changed the conversations meanwhile (new messages, archiving, deleting, forking).
 */
@Component
public class ChatProjects {

    private static final Logger log = LoggerFactory.getLogger(ChatProjects.class);
    /** LibreChat's {@code MAX_CHAT_PROJECT_NAME_LENGTH} and {@code MAX_CHAT_PROJECT_DESCRIPTION_LENGTH}. */
    static final int MAX_NAME = 100;
    static final int MAX_DESCRIPTION = 1000;
    static final int MAX_SEARCH = 256;
    static final String NOT_FOUND = "Project not found";
    static final String CONVERSATION_NOT_FOUND = "Conversation not found";
    /** The conversation field that names its project (LibreChat's). */
    private static final String PROJECT_FIELD = "chatProjectId";

    private final ProjectStore projects;
    private final Convos convos;

    ChatProjects(ProjectStore projects, Convos convos) {
        this.projects = projects;
        this.convos = convos;
    }

    /** @param search a literal to find in names or descriptions; null for all */
    ProjectStore.Page list(CurrentUser caller, @Nullable String search, PageRequest page) {
        // every project: the order by last activity needs them all counted
        recount(caller.tenantId(), caller.id(), null);
        return projects.page(caller.tenantId(), caller.id(), search, page);
    }

    /** LibreChat takes a name of any length and keeps its first 100 characters (description: 1,000). */
    ChatProject create(CurrentUser caller, @Nullable Object name, @Nullable Object description) {
        ChatProject created = projects.insert(caller.tenantId(), caller.id(), name(name), text(description, MAX_DESCRIPTION));
        log.info("Chat project created tenant_id={} user_id={} project_id={}", caller.tenantId(), caller.id(), created.id());
        return created;
    }

    ChatProject get(CurrentUser caller, String projectId) {
        ObjectId id = projectId(projectId);
        List<ChatProject> found = recount(caller.tenantId(), caller.id(), List.of(id));
        if (found.isEmpty()) {
            throw notFound();
        }
        return found.getFirst();
    }

    /**
     * Sets the fields the body holds: {@code name} (required to be text once given) and {@code description}.
     * The project is looked up before the body is read, so another person's id is 404 whatever it holds.
     */
    ChatProject update(CurrentUser caller, String projectId, Map<String, Object> body) {
        ObjectId id = projectId(projectId);
        projects.find(caller.tenantId(), caller.id(), id).orElseThrow(ChatProjects::notFound);
        Map<String, String> fields = new LinkedHashMap<>();
        if (body.containsKey("name")) {
            fields.put("name", name(body.get("name")));
        }
        if (body.containsKey("description")) {
            fields.put("description", text(body.get("description"), MAX_DESCRIPTION));
        }
        projects.update(caller.tenantId(), caller.id(), id, fields).orElseThrow(ChatProjects::notFound);
        return get(caller, projectId);
    }

    /** LibreChat's {@code TDeleteChatProjectResponse}: the project, and how many conversations left it. */
    record Deleted(long deletedCount, long modifiedCount) {
    }

    /** As LibreChat: the project's conversations stay, filed under no project. */
    Deleted delete(CurrentUser caller, String projectId) {
        ObjectId id = projectId(projectId);
        projects.find(caller.tenantId(), caller.id(), id).orElseThrow(ChatProjects::notFound);
        // conversations first: a failure in between leaves the project to delete again, never a dangling id
        long moved = convos.clearProject(caller.tenantId(), caller.id(), id.toHexString());
        if (!projects.delete(caller.tenantId(), caller.id(), id)) {
            throw notFound();
        }
        // a conversation filed under it meanwhile
        moved += convos.clearProject(caller.tenantId(), caller.id(), id.toHexString());
        log.info("Chat project deleted tenant_id={} user_id={} project_id={} conversations={}", caller.tenantId(),
                caller.id(), id.toHexString(), moved);
        return new Deleted(1, moved);
    }

    /** LibreChat's {@code TAssignConversationToProjectResponse}. */
    record Assignment(Conversation conversation, @Nullable String previousProjectId, @Nullable String projectId) {
    }

    /**
     * Files the caller's conversation under one of their projects, or under none ({@code projectId} null
     * or empty). The conversation is looked up before the body is read: another person's is 404 and nothing
     * changes.
     */
    Assignment assign(CurrentUser caller, String conversationId, @Nullable Map<String, Object> body) {
        String convo = Ids.requireUuid("conversationId", conversationId);
        Conversation current = convos.find(caller.tenantId(), caller.id(), convo).orElseThrow(ChatProjects::conversationNotFound);
        Object requested = body == null ? null : body.get("projectId");
        if (requested != null && !(requested instanceof String)) {
            throw new ApiException.Invalid("projectId must be a string or null", "projectId must be a string or null",
                    List.of(new ApiException.FieldProblem("projectId", "must be a string or null")));
        }
        String target = null;
        if (requested instanceof String text && !text.isEmpty()) {
            ObjectId id = projectId(text);
            projects.find(caller.tenantId(), caller.id(), id).orElseThrow(ChatProjects::notFound);
            target = id.toHexString();
        }
        String previous = current.stored(PROJECT_FIELD) instanceof String filed ? filed : null;
        Conversation updated = convos.setProject(caller.tenantId(), caller.id(), convo, target)
                .orElseThrow(ChatProjects::conversationNotFound);
        List<ObjectId> touched = new ArrayList<>();
        for (String project : new String[] {previous, target}) {
            if (project != null && ObjectId.isValid(project)) {
                touched.add(new ObjectId(project));
            }
        }
        if (!touched.isEmpty()) {
            recount(caller.tenantId(), caller.id(), touched);
        }
        return new Assignment(updated, previous, target);
    }

    // What other features ask of projects (chat turns, account erasure).

    /**
     * The project a chat turn asks its conversation to be filed under, when it is one of the person's;
     * empty for anything else (LibreChat then leaves the conversation where it is).
     */
    public Optional<String> ownProject(String tenantId, String user, @Nullable String projectId) {
        if (projectId == null || !ObjectId.isValid(projectId)) {
            return Optional.empty();
        }
        return projects.find(tenantId, user, new ObjectId(projectId)).map(ChatProject::id);
    }

    /** Account erasure: all of the person's projects (their conversations are the conversation feature's). */
    public long deleteAllOf(String tenantId, String user) {
        return projects.deleteAll(tenantId, user);
    }

    /**
     * Counts the projects' conversations again and stores what changed.
     *
     * @param ids the projects to count; null for all of the person's
     * @return the projects as counted
     */
    private List<ChatProject> recount(String tenantId, String user, @Nullable List<ObjectId> ids) {
        List<ChatProject> stored = projects.all(tenantId, user, ids);
        if (stored.isEmpty()) {
            return stored;
        }
        Map<String, ProjectActivity> counted = convos.projectActivity(tenantId, user,
                        ids == null ? null : stored.stream().map(ChatProject::id).toList())
                .stream().collect(Collectors.toMap(ProjectActivity::projectId, Function.identity()));
        List<ChatProject> out = new ArrayList<>(stored.size());
        for (ChatProject project : stored) {
            ProjectActivity activity = counted.getOrDefault(project.id(), ProjectActivity.none(project.id()));
            if (project.conversationCount() == activity.conversations()
                    && Objects.equals(project.lastConversationAt(), activity.lastConversationAt())
                    && Objects.equals(project.lastConversationId(), activity.lastConversationId())) {
                out.add(project);
                continue;
            }
            projects.replaceActivity(tenantId, user, project, activity);
            out.add(new ChatProject(project.id(), project.name(), project.description(), project.user(),
                    activity.conversations(), activity.lastConversationAt(), activity.lastConversationId(),
                    project.createdAt(), project.updatedAt()));
        }
        return out;
    }

    /** LibreChat answers an id that cannot be a project's as it answers an unknown one. */
    private static ObjectId projectId(String projectId) {
        if (!ObjectId.isValid(projectId)) {
            throw notFound();
        }
        return new ObjectId(projectId);
    }

    /** @throws ApiException.Invalid LibreChat's {@code name is required} when nothing but blanks remains */
    private static String name(@Nullable Object name) {
        String text = text(name, MAX_NAME);
        if (text.isEmpty()) {
            throw new ApiException.Invalid("name is required", "name is required",
                    List.of(new ApiException.FieldProblem("name", "is required")));
        }
        return text;
    }

    /** LibreChat's normalizing: anything but text is empty, text is trimmed and cut to {@code max}. */
    private static String text(@Nullable Object value, int max) {
        if (!(value instanceof String text)) {
            return "";
        }
        String trimmed = text.strip();
        if (trimmed.length() <= max) {
            return trimmed;
        }
        int end = Character.isHighSurrogate(trimmed.charAt(max - 1)) ? max - 1 : max; // never half a character
        return trimmed.substring(0, end).strip();
    }

    static ApiException notFound() {
        return new ApiException.NotFound(NOT_FOUND, NOT_FOUND);
    }

    private static ApiException conversationNotFound() {
        return new ApiException.NotFound(CONVERSATION_NOT_FOUND, CONVERSATION_NOT_FOUND);
    }
}
