package io.parley.chat.tag;

import io.parley.chat.convo.ConversationsDeleted;
import io.parley.chat.convo.Convos;
import io.parley.chat.support.Ids;
import io.parley.chat.tag.TagRequests.NewTag;
import io.parley.chat.tag.TagRequests.Placement;
import io.parley.chat.tag.TagRequests.TagChange;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Bookmarks: tags a person puts on conversations, with their order and how many conversations carry
 * each. Counts are recounted from the conversations after every change, so they stay right even when
 * requests race.
 */
@Component
public class Tags {

    static final int MAX_TAG = 128;
    static final int MAX_DESCRIPTION = 1024;
    static final int MAX_TAGS_PER_CONVO = 100;

    private final TagStore tags;
    private final Convos convos;

    Tags(TagStore tags, Convos convos) {
        this.tags = tags;
        this.convos = convos;
    }

    List<Tag> all(CurrentUser caller) {
        return tags.all(caller.tenantId(), caller.id());
    }

    /**
     * LibreChat answers an existing tag unchanged. The conversation to tag is checked before the tag is read,
     * so another person's conversation is 404 whatever the tag.
     */
    Tag create(CurrentUser caller, Placement placement, Supplier<NewTag> body) {
        String conversationId = placement.adding() ? requireOwn(caller, placement.conversationId()) : null;
        NewTag sent = body.get();
        String name = sent.tag();
        Tag result = tags.create(caller.tenantId(), caller.id(), name, sent.description())
                .or(() -> tags.find(caller.tenantId(), caller.id(), name)).orElseThrow();
        if (conversationId != null) {
            convos.addTag(caller.tenantId(), caller.id(), conversationId, name);
            recount(caller, Set.of(name));
            result = tags.find(caller.tenantId(), caller.id(), name).orElseThrow();
        }
        return result;
    }

    /** Changes what the body names; it is read once the tag is known to be the caller's. */
    Tag update(CurrentUser caller, String tag, Supplier<TagChange> body) {
        Tag current = tags.find(caller.tenantId(), caller.id(), tag).orElseThrow(Tags::notFound);
        TagChange change = body.get();
        Update update = new Update();
        if (change.description() != null) {
            update.set("description", change.description());
        }
        String target = tag;
        if (change.tag() != null && !change.tag().equals(tag)) {
            target = change.tag();
            if (tags.find(caller.tenantId(), caller.id(), target).isPresent()) {
                throw new ApiException.Conflict("A tag with that name exists already");
            }
            update.set("tag", target);
        }
        Integer position = change.position();
        if (position != null) {
            int last = tags.all(caller.tenantId(), caller.id()).stream().mapToInt(Tag::position).max().orElse(1);
            if (position > last) {
                throw ApiException.Invalid.field("position", "must be between 1 and " + last);
            }
            int from = current.position();
            if (position > from) {
                tags.shift(caller.tenantId(), caller.id(), from + 1, position, -1);
            } else if (position < from) {
                tags.shift(caller.tenantId(), caller.id(), position, from - 1, 1);
            }
            update.set("position", position);
        }
        Tag saved = tags.update(caller.tenantId(), caller.id(), tag, update).orElseThrow(Tags::notFound);
        if (!target.equals(tag)) {
            convos.renameTag(caller.tenantId(), caller.id(), tag, target);
        }
        return saved;
    }

    Tag delete(CurrentUser caller, String tag) {
        Tag deleted = tags.delete(caller.tenantId(), caller.id(), tag).orElseThrow(Tags::notFound);
        convos.removeTag(caller.tenantId(), caller.id(), tag);
        int position = deleted.position();
        tags.shift(caller.tenantId(), caller.id(), position + 1, Integer.MAX_VALUE, -1);
        return deleted;
    }

    /**
     * Sets a conversation's tags (creating unknown ones) and answers the tags it now has; the tags are read
     * once the conversation is known to be the caller's.
     */
    List<String> tagConversation(CurrentUser caller, String conversationId, Supplier<List<String>> body) {
        String convo = requireOwn(caller, conversationId);
        List<String> names = List.copyOf(new LinkedHashSet<>(body.get()));
        List<String> before = convos.replaceTags(caller.tenantId(), caller.id(), convo, names)
                .orElseThrow(Tags::conversationNotFound);
        names.forEach(name -> tags.create(caller.tenantId(), caller.id(), name, null));
        Set<String> changed = new LinkedHashSet<>(before);
        changed.addAll(names);
        recount(caller, changed);
        return names;
    }

    @EventListener
    void conversationsDeleted(ConversationsDeleted event) {
        Collection<String> affected = event.tags() != null ? event.tags()
                : tags.all(event.tenantId(), event.user()).stream().map(Tag::tag).toList();
        affected.forEach(tag -> tags.setCount(event.tenantId(), event.user(), tag,
                convos.countTagged(event.tenantId(), event.user(), tag)));
    }

    private void recount(CurrentUser caller, Collection<String> names) {
        names.forEach(tag -> tags.setCount(caller.tenantId(), caller.id(), tag, convos.countTagged(caller.tenantId(), caller.id(), tag)));
    }

    /** The conversation id when it is the caller's; checked before the body, so another person's id is 404. */
    private String requireOwn(CurrentUser caller, @Nullable String conversationId) {
        String convo = Ids.requireUuid("conversationId", conversationId);
        convos.find(caller.tenantId(), caller.id(), convo).orElseThrow(Tags::conversationNotFound);
        return convo;
    }

    private static ApiException conversationNotFound() {
        return new ApiException.NotFound("Conversation not found");
    }

    static ApiException notFound() {
        return new ApiException.NotFound("Tag not found");
    }

    /** Account erasure: all of the person's tags. */
    public long deleteAllOf(String tenantId, String user) {
        return tags.deleteAll(tenantId, user);
    }
}
