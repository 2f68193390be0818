package io.parley.chat.tag;

import io.parley.chat.tag.TagRequests.ConvoTags;
import io.parley.chat.tag.TagRequests.NewTag;
import io.parley.chat.tag.TagRequests.Placement;
import io.parley.chat.tag.TagRequests.TagChange;
import io.parley.common.body.BodyReader;
import io.parley.common.body.UnreadBody;
import io.parley.common.security.CurrentUser;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/** LibreChat's {@code /api/tags} routes (tag names are URL-encoded in paths). */
@RestController
@RequestMapping("/api/tags")
class TagController {

    private final Tags tags;
    private final BodyReader reader;

    TagController(Tags tags, BodyReader reader) {
        this.tags = tags;
        this.reader = reader;
    }

    @GetMapping({"", "/"})
    List<Tag> all(CurrentUser caller) {
        return tags.all(caller);
    }

    @PostMapping({"", "/"})
    Tag create(CurrentUser caller, @RequestBody(required = false) byte @Nullable [] body) {
        ObjectNode sent = reader.object(new UnreadBody(body));
        return tags.create(caller, read(sent, Placement.class), () -> read(sent, NewTag.class));
    }

    /** The body is read once the tag is known to be the caller's. */
    @PutMapping("/{tag}")
    Tag update(CurrentUser caller, @PathVariable String tag, @RequestBody(required = false) byte @Nullable [] body) {
        return tags.update(caller, tag, () -> read(reader.object(new UnreadBody(body)), TagChange.class));
    }

    @DeleteMapping("/{tag}")
    Tag delete(CurrentUser caller, @PathVariable String tag) {
        return tags.delete(caller, tag);
    }

    /** The body is read once the conversation is known to be the caller's. */
    @PutMapping("/convo/{conversationId}")
    List<String> tagConversation(CurrentUser caller, @PathVariable String conversationId,
                                 @RequestBody(required = false) byte @Nullable [] body) {
        return tags.tagConversation(caller, conversationId,
                () -> read(reader.object(new UnreadBody(body)), ConvoTags.class).tags());
    }

    private <T extends Record> T read(@Nullable ObjectNode sent, Class<T> type) {
        return reader.read(sent, type, "invalid_request", TagRequests.NULLABLE).value();
    }
}
