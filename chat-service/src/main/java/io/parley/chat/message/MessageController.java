package io.parley.chat.message;

import io.parley.chat.message.MessageRequests.ArtifactEdit;
import io.parley.chat.message.MessageRequests.FeedbackChange;
import io.parley.chat.message.MessageRequests.TextChange;
import io.parley.chat.support.PageRequest;
import io.parley.common.body.BodyReader;
import io.parley.common.body.UnreadBody;
import io.parley.common.error.ApiException;
import io.parley.common.paging.Keyset;
import io.parley.common.security.CurrentUser;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/** LibreChat's {@code /api/messages} routes. */
@RestController
@RequestMapping("/api/messages")
class MessageController {

    private static final Map<String, Keyset.Kind> SORTABLE = Map.of("createdAt", Keyset.Kind.DATE,
            "updatedAt", Keyset.Kind.DATE, "endpoint", Keyset.Kind.TEXT);

    private final Messages messages;
    private final BodyReader reader;

    MessageController(Messages messages, BodyReader reader) {
        this.messages = messages;
        this.reader = reader;
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
    List<Message> inConversation(CurrentUser caller, @PathVariable String conversationId) {
        return messages.inConversation(caller, conversationId);
    }

    @GetMapping("/{conversationId}/{messageId}")
    List<Message> one(CurrentUser caller, @PathVariable String conversationId, @PathVariable String messageId) {
        return messages.one(caller, conversationId, messageId);
    }

    /** LibreChat answers 201. The message is read once both ids are known not to be another person's. */
    @PostMapping("/{conversationId}")
    ResponseEntity<Message> save(CurrentUser caller, @PathVariable String conversationId,
                                             @RequestBody(required = false) byte @Nullable [] body) {
        Supplier<@Nullable ObjectNode> sent = SingletonSupplier.of(() -> reader.object(new UnreadBody(body)));
        return ResponseEntity.status(HttpStatus.CREATED).body(messages.save(caller, conversationId,
                () -> read(sent.get(), MessageInput.Target.class, Set.of("messageId")).messageId(),
                () -> read(sent.get(), MessageInput.class, MessageInput.NULLABLE)));
    }

    /** The bodies below are read once the message is known to be the caller's. */
    @PutMapping("/{conversationId}/{messageId}")
    MessageAnswers.TextChanged update(CurrentUser caller, @PathVariable String conversationId, @PathVariable String messageId,
                               @RequestBody(required = false) byte @Nullable [] body) {
        return messages.update(caller, conversationId, messageId,
                () -> read(reader.object(new UnreadBody(body)), TextChange.class, Set.of("index")));
    }

    @PutMapping("/{conversationId}/{messageId}/feedback")
    MessageAnswers.FeedbackChanged feedback(CurrentUser caller, @PathVariable String conversationId, @PathVariable String messageId,
                                 @RequestBody(required = false) byte @Nullable [] body) {
        return messages.feedback(caller, conversationId, messageId,
                () -> read(reader.object(new UnreadBody(body)), FeedbackChange.class, Set.of("feedback")).feedback());
    }

    @PostMapping("/artifact/{messageId}")
    MessageAnswers.ArtifactEdited editArtifact(CurrentUser caller, @PathVariable String messageId,
                                     @RequestBody(required = false) byte @Nullable [] body) {
        return messages.editArtifact(caller, messageId,
                () -> read(reader.object(new UnreadBody(body)), ArtifactEdit.class, Set.of()));
    }

    @DeleteMapping("/{conversationId}/{messageId}")
    ResponseEntity<Void> delete(CurrentUser caller, @PathVariable String conversationId, @PathVariable String messageId) {
        messages.delete(caller, conversationId, messageId);
        return ResponseEntity.noContent().build();
    }

    private <T extends Record> T read(@Nullable ObjectNode sent, Class<T> type, Set<String> nullable) {
        return reader.read(sent, type, "invalid_request", nullable).value();
    }
}
