package io.parley.chat.convo;

import io.parley.chat.support.PageRequest;
import io.parley.common.paging.Keyset;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** LibreChat's {@code /api/convos} routes, plus the specification's forms where they differ. */
@RestController
@RequestMapping("/api/convos")
class ConvoController {

    private static final Map<String, Keyset.Kind> SORTABLE = Map.of("updatedAt", Keyset.Kind.DATE,
            "createdAt", Keyset.Kind.DATE, "title", Keyset.Kind.TEXT);

    private final Convos convos;

    ConvoController(Convos convos) {
        this.convos = convos;
    }

    /**
     * The specification's {@code order} is LibreChat 0.8.0's name for {@code sortDirection}; {@code projectId}
     * (LibreChat 0.8.7) narrows the list to one chat project, or with {@code unassigned} to the conversations
     * in none.
     */
    @GetMapping({"", "/"})
    Convos.Page list(CurrentUser caller, @RequestParam(required = false) String limit,
                     @RequestParam(required = false) String cursor, @RequestParam(required = false) String isArchived,
                     @RequestParam(required = false) List<String> tags, @RequestParam(required = false) String search,
                     @RequestParam(required = false) String sortBy, @RequestParam(required = false) String sortDirection,
                     @RequestParam(required = false) String order, @RequestParam(required = false) String projectId) {
        PageRequest page = PageRequest.of(sortBy, "updatedAt", SORTABLE, sortDirection != null ? sortDirection : order, limit, "limit",
                cursor);
        boolean archived = switch (isArchived == null ? "false" : isArchived) {
            case "true" -> true;
            case "false", "" -> false;
            default -> throw ApiException.Invalid.field("isArchived", "must be true or false");
        };
        String text = search == null || search.isBlank() ? null : search.trim();
        if (text != null && text.length() > 256) {
            throw ApiException.Invalid.field("search", "must be at most 256 characters");
        }
        String project = projectId == null || projectId.isBlank() ? null : projectId.trim();
        return convos.list(caller, archived, tags == null ? List.of() : tags, text, project, page);
    }

    /** LibreChat 0.8.2+: the generated title, once the first turn has produced one. */
    @GetMapping("/gen_title/{conversationId}")
    Map<String, Object> title(CurrentUser caller, @PathVariable String conversationId) {
        return Map.of("title", convos.generatedTitle(caller, conversationId));
    }

    /** The specification's (and LibreChat 0.8.0's) form. */
    @PostMapping("/gen_title")
    Map<String, Object> titleByBody(CurrentUser caller, @RequestBody Target body) {
        if (body == null || body.conversationId() == null) {
            throw ApiException.Invalid.field("conversationId", "is required");
        }
        return Map.of("title", convos.generatedTitle(caller, body.conversationId()));
    }

    @GetMapping("/{conversationId}")
    Map<String, Object> get(CurrentUser caller, @PathVariable String conversationId) {
        return convos.get(caller, conversationId);
    }

    record Arg<T>(T arg) {
    }

    record TitleChange(String conversationId, String title) {
    }

    record ArchiveChange(String conversationId, Boolean isArchived) {
    }

    record PinChange(String conversationId, Boolean pinned) {
    }

    record Target(String conversationId) {
    }

    @PostMapping("/update")
    ResponseEntity<Map<String, Object>> update(CurrentUser caller, @RequestBody Arg<TitleChange> body) {
        TitleChange change = required(body);
        return ResponseEntity.status(HttpStatus.CREATED).body(convos.rename(caller, change.conversationId(), change.title()));
    }

    @PostMapping("/archive")
    Map<String, Object> archive(CurrentUser caller, @RequestBody Arg<ArchiveChange> body) {
        ArchiveChange change = required(body);
        return convos.set(caller, change.conversationId(), () -> Map.of("isArchived", flag("isArchived", change.isArchived())));
    }

    @PostMapping("/pin")
    Map<String, Object> pin(CurrentUser caller, @RequestBody Arg<PinChange> body) {
        PinChange change = required(body);
        return convos.set(caller, change.conversationId(), () -> Map.of("pinned", flag("pinned", change.pinned())));
    }

    /** LibreChat's form: {@code {arg:{conversationId}}}; the specification's: {@code {conversationId}}. LibreChat answers 201. */
    @DeleteMapping({"", "/"})
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> delete(CurrentUser caller, @RequestBody(required = false) Map<String, Object> body) {
        Object target = body == null ? null : body.get("arg") instanceof Map<?, ?> arg ? arg.get("conversationId")
                : body.get("conversationId");
        if (!(target instanceof String conversationId)) {
            throw ApiException.Invalid.field("conversationId", "is required");
        }
        return convos.delete(caller, conversationId);
    }

    /** LibreChat answers 201. */
    @DeleteMapping("/all")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> deleteAll(CurrentUser caller) {
        return convos.deleteAll(caller);
    }

    /** REST form of the specification: 204. */
    @DeleteMapping("/{conversationId}")
    ResponseEntity<Void> deleteOne(CurrentUser caller, @PathVariable String conversationId) {
        convos.delete(caller, conversationId);
        return ResponseEntity.noContent().build();
    }

    private static boolean flag(String field, Boolean value) {
        if (value == null) {
            throw ApiException.Invalid.field(field, "is required (true or false)");
        }
        return value;
    }

    private static <T> T required(Arg<T> body) {
        if (body == null || body.arg() == null) {
            throw ApiException.Invalid.field("arg", "is required");
        }
        return body.arg();
    }
}
