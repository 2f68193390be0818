package io.parley.chat.project;

import io.parley.chat.support.PageRequest;
import io.parley.common.error.ApiException;
import io.parley.common.paging.Keyset;
import io.parley.common.security.CurrentUser;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * LibreChat's {@code /api/projects} routes (0.8.7). Bodies are read as JSON objects, not records, because
 * LibreChat tells a field that is absent from one that is null or not text.
 */
@RestController
@RequestMapping("/api/projects")
class ProjectController {

    private static final Map<String, Keyset.Kind> SORTABLE = Map.of("lastConversationAt", Keyset.Kind.DATE,
            "createdAt", Keyset.Kind.DATE, "name", Keyset.Kind.TEXT);

    private final ChatProjects projects;

    ProjectController(ChatProjects projects) {
        this.projects = projects;
    }

    /** {@code sortBy} name|createdAt|lastConversationAt (default), {@code sortDirection} (desc), {@code limit} 1–100 (25). */
    @GetMapping({"", "/"})
    ProjectStore.Page list(CurrentUser caller, @RequestParam(required = false) @Nullable String cursor,
                           @RequestParam(required = false) @Nullable String limit,
                           @RequestParam(required = false) @Nullable String sortBy,
                           @RequestParam(required = false) @Nullable String sortDirection,
                           @RequestParam(required = false) @Nullable String search) {
        PageRequest page = PageRequest.of(sortBy, "lastConversationAt", SORTABLE, sortDirection, limit, "limit", cursor);
        String text = search == null || search.isBlank() ? null : search.strip();
        if (text != null && text.length() > ChatProjects.MAX_SEARCH) {
            throw ApiException.Invalid.field("search", "must be at most " + ChatProjects.MAX_SEARCH + " characters");
        }
        return projects.list(caller, text, page);
    }

    @PostMapping({"", "/"})
    @ResponseStatus(HttpStatus.CREATED)
    ChatProject create(CurrentUser caller, @RequestBody(required = false) @Nullable Map<String, Object> body) {
        Map<String, Object> fields = body == null ? Map.of() : body;
        return projects.create(caller, fields.get("name"), fields.get("description"));
    }

    /** Before {@code /{projectId}}: a conversation's project, {@code {projectId}} (null or empty: none). */
    @PutMapping("/conversations/{conversationId}")
    ChatProjects.Assignment assign(CurrentUser caller, @PathVariable String conversationId,
                                   @RequestBody(required = false) @Nullable Map<String, Object> body) {
        return projects.assign(caller, conversationId, body);
    }

    @GetMapping("/{projectId}")
    ChatProject get(CurrentUser caller, @PathVariable String projectId) {
        return projects.get(caller, projectId);
    }

    @PatchMapping("/{projectId}")
    ChatProject update(CurrentUser caller, @PathVariable String projectId,
                       @RequestBody(required = false) @Nullable Map<String, Object> body) {
        return projects.update(caller, projectId, body == null ? Map.of() : body);
    }

    @DeleteMapping("/{projectId}")
    ChatProjects.Deleted delete(CurrentUser caller, @PathVariable String projectId) {
        return projects.delete(caller, projectId);
    }
}
