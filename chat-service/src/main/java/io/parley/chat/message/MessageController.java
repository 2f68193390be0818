package io.parley.chat.message;

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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** LibreChat's {@code /api/messages} routes. */
@RestController
@RequestMapping("/api/messages")
class MessageController {

    private static final Map<String, Keyset.Kind> SORTABLE = Map.of("createdAt", Keyset.Kind.DATE,
            "updatedAt", Keyset.Kind.DATE, "endpoint", Keyset.Kind.TEXT);

    private final Messages messages;

    MessageController(Messages messages) {
        this.messages = messages;
    }

    @GetMapping({"", "/"})
    Messages.Page query(CurrentUser caller, @RequestParam(required = false) String conversationId,
                        @RequestParam(required = false) String messageId, @RequestParam(required = false) String search,
                        @RequestParam(required = false) String cursor, @RequestParam(required = false) String sortBy,
                        @RequestParam(required = false) String sortDirection, @RequestParam(required = false) String pageSize) {
        PageRequest page = PageRequest.of(sortBy, "updatedAt", SORTABLE, sortDirection, pageSize, "pageSize", cursor);
        String text = search == null || search.isBlank() ? null : search.trim();
        if (text != null && text.length() > 256) {
            throw ApiException.Invalid.field("search", "must be at most 256 characters");
        }
        return messages.query(caller, conversationId, messageId, text, page);
    }

    @GetMapping("/{conversationId}")
    List<Map<String, Object>> inConversation(CurrentUser caller, @PathVariable String conversationId) {
        return messages.inConversation(caller, conversationId);
    }

    @GetMapping("/{conversationId}/{messageId}")
    List<Map<String, Object>> one(CurrentUser caller, @PathVariable String conversationId, @PathVariable String messageId) {
        return messages.one(caller, conversationId, messageId);
    }

    @PostMapping("/{conversationId}")
    ResponseEntity<Map<String, Object>> save(CurrentUser caller, @PathVariable String conversationId,
                                             @RequestBody MessageInput body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(messages.save(caller, conversationId, body));
    }

    record TextChange(String text, Integer index, String model) {
    }

    @PutMapping("/{conversationId}/{messageId}")
    Map<String, Object> update(CurrentUser caller, @PathVariable String conversationId, @PathVariable String messageId,
                               @RequestBody TextChange body) {
        return messages.update(caller, conversationId, messageId, body.text(), body.index());
    }

    record FeedbackChange(Map<String, Object> feedback) {
    }

    @PutMapping("/{conversationId}/{messageId}/feedback")
    Map<String, Object> feedback(CurrentUser caller, @PathVariable String conversationId, @PathVariable String messageId,
                                 @RequestBody FeedbackChange body) {
        return messages.feedback(caller, conversationId, messageId, body.feedback());
    }

    record ArtifactEdit(Integer index, String original, String updated) {
    }

    @PostMapping("/artifact/{messageId}")
    Map<String, Object> editArtifact(CurrentUser caller, @PathVariable String messageId, @RequestBody ArtifactEdit body) {
        return messages.editArtifact(caller, messageId, body.index(), body.original(), body.updated());
    }

    @DeleteMapping("/{conversationId}/{messageId}")
    ResponseEntity<Void> delete(CurrentUser caller, @PathVariable String conversationId, @PathVariable String messageId) {
        messages.delete(caller, conversationId, messageId);
        return ResponseEntity.noContent().build();
    }
}
