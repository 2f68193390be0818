package io.parley.chat.tag;

import io.parley.common.security.CurrentUser;
import java.util.List;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** LibreChat's {@code /api/tags} routes (tag names are URL-encoded in paths). */
@RestController
@RequestMapping("/api/tags")
class TagController {

    private final Tags tags;

    TagController(Tags tags) {
        this.tags = tags;
    }

    @GetMapping({"", "/"})
    List<Tag> all(CurrentUser caller) {
        return tags.all(caller);
    }

    record NewTag(String tag, String description, Boolean addToConversation, String conversationId) {
    }

    @PostMapping({"", "/"})
    Tag create(CurrentUser caller, @RequestBody NewTag body) {
        return tags.create(caller, body.tag(), body.description(), Boolean.TRUE.equals(body.addToConversation()),
                body.conversationId());
    }

    record TagChange(String tag, String description, Integer position) {
    }

    @PutMapping("/{tag}")
    Tag update(CurrentUser caller, @PathVariable String tag, @RequestBody TagChange body) {
        return tags.update(caller, tag, body.tag(), body.description(), body.position());
    }

    @DeleteMapping("/{tag}")
    Tag delete(CurrentUser caller, @PathVariable String tag) {
        return tags.delete(caller, tag);
    }

    record ConvoTags(List<String> tags) {
    }

    @PutMapping("/convo/{conversationId}")
    List<String> tagConversation(CurrentUser caller, @PathVariable String conversationId, @RequestBody ConvoTags body) {
        return tags.tagConversation(caller, conversationId, body.tags());
    }
}
