package io.parley.chat.convo;

import io.parley.chat.convo.ConvoRequests.Archived;
import io.parley.chat.convo.ConvoRequests.Deletion;
import io.parley.chat.convo.ConvoRequests.Pinned;
import io.parley.chat.convo.ConvoRequests.Retitled;
import io.parley.chat.convo.ConvoRequests.Target;
import io.parley.chat.convo.ConvoRequests.Targeted;
import io.parley.chat.support.PageRequest;
import io.parley.common.body.BodyReader;
import io.parley.common.body.UnreadBody;
import io.parley.common.error.ApiException;
import io.parley.common.paging.Keyset;
import io.parley.common.security.CurrentUser;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
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
import tools.jackson.databind.node.ObjectNode;

/** LibreChat's {@code /api/convos} routes, plus the specification's forms where they differ. */
@RestController
@RequestMapping("/api/convos")
class ConvoController {

    private static final Map<String, Keyset.Kind> SORTABLE = Map.of("updatedAt", Keyset.Kind.DATE,
            "createdAt", Keyset.Kind.DATE, "title", Keyset.Kind.TEXT);

    /** The {@code error} of a body's 400, as for every other bad request of chat-service. */
    private static final String INVALID = "invalid_request";
    static final String NO_PARAMETERS = "no parameters provided";

    private final Convos convos;
    private final BodyReader reader;

    ConvoController(Convos convos, BodyReader reader) {
        this.convos = convos;
        this.reader = reader;
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
    GeneratedTitle title(CurrentUser caller, @PathVariable String conversationId) {
        return new GeneratedTitle(convos.generatedTitle(caller, conversationId));
    }

    /** The specification's (and LibreChat 0.8.0's) form. */
    @PostMapping("/gen_title")
    GeneratedTitle titleByBody(CurrentUser caller, @RequestBody(required = false) byte @Nullable [] body) {
        return new GeneratedTitle(convos.generatedTitle(caller, read(reader.object(new UnreadBody(body)), Target.class).conversationId()));
    }

    record GeneratedTitle(String title) {
    }

    @GetMapping("/{conversationId}")
    Conversation get(CurrentUser caller, @PathVariable String conversationId) {
        return convos.get(caller, conversationId);
    }

    /** LibreChat answers 201. The title is read once the conversation is known to be the caller's. */
    @PostMapping("/update")
    ResponseEntity<Conversation> update(CurrentUser caller, @RequestBody(required = false) byte @Nullable [] body) {
        ObjectNode sent = reader.object(new UnreadBody(body));
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(convos.rename(caller, target(sent), () -> read(sent, Retitled.class).arg().title()));
    }

    @PostMapping("/archive")
    Conversation archive(CurrentUser caller, @RequestBody(required = false) byte @Nullable [] body) {
        ObjectNode sent = reader.object(new UnreadBody(body));
        return convos.archive(caller, target(sent), () -> read(sent, Archived.class).arg().isArchived());
    }

    @PostMapping("/pin")
    Conversation pin(CurrentUser caller, @RequestBody(required = false) byte @Nullable [] body) {
        ObjectNode sent = reader.object(new UnreadBody(body));
        return convos.pin(caller, target(sent), () -> read(sent, Pinned.class).arg().pinned());
    }

    /**
     * LibreChat's form: {@code {arg:{conversationId}}}; the specification's: {@code {conversationId}}. LibreChat
     * answers 201, and 400 {@code no parameters provided} when the body names no conversation.
     */
    @DeleteMapping({"", "/"})
    @ResponseStatus(HttpStatus.CREATED)
    Convos.Deleted delete(CurrentUser caller, @RequestBody(required = false) byte @Nullable [] body) {
        String target = reader.read(new UnreadBody(body), Deletion.class, INVALID, Set.of("arg", "conversationId"))
                .value().target();
        if (target == null) {
            throw new ApiException.Invalid(NO_PARAMETERS);
        }
        return convos.delete(caller, target);
    }

    /** LibreChat answers 201. */
    @DeleteMapping("/all")
    @ResponseStatus(HttpStatus.CREATED)
    Convos.Deleted deleteAll(CurrentUser caller) {
        return convos.deleteAll(caller);
    }

    /** REST form of the specification: 204. */
    @DeleteMapping("/{conversationId}")
    ResponseEntity<Void> deleteOne(CurrentUser caller, @PathVariable String conversationId) {
        convos.delete(caller, conversationId);
        return ResponseEntity.noContent().build();
    }

    /** The conversation {@code {arg:{conversationId}}} names; its access is checked before the rest is read. */
    private String target(@Nullable ObjectNode sent) {
        return read(sent, Targeted.class).arg().conversationId();
    }

    private <T extends Record> T read(@Nullable ObjectNode sent, Class<T> type) {
        return reader.read(sent, type, INVALID, Set.of()).value();
    }
}
