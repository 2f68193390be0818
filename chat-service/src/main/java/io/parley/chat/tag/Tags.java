package io.parley.chat.tag;

import io.parley.chat.convo.ConversationsDeleted;
import io.parley.chat.convo.Convos;
import io.parley.chat.support.Ids;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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

    /** LibreChat answers an existing tag unchanged. */
    Tag create(CurrentUser caller, String tag, String description, boolean addToConversation, String conversationId) {
        if (addToConversation) {
            requireOwn(caller, conversationId);
        }
        String name = name(tag);
        String text = description(description);
        Tag result = tags.create(caller.tenantId(), caller.id(), name, text)
                .or(() -> tags.find(caller.tenantId(), caller.id(), name)).orElseThrow();
        if (addToConversation) {
            convos.addTag(caller.tenantId(), caller.id(), conversationId.toLowerCase(), name);
            recount(caller, Set.of(name));
            result = tags.find(caller.tenantId(), caller.id(), name).orElseThrow();
        }
        return result;
    }

    Tag update(CurrentUser caller, String tag, String newName, String description, Integer position) {
        Tag current = tags.find(caller.tenantId(), caller.id(), tag).orElseThrow(Tags::notFound);
        Update update = new Update();
        if (description != null) {
            update.set("description", description(description));
        }
        String target = tag;
        if (newName != null && !name(newName).equals(tag)) {
            target = name(newName);
            if (tags.find(caller.tenantId(), caller.id(), target).isPresent()) {
                throw new ApiException.Conflict("A tag with that name exists already");
            }
            update.set("tag", target);
        }
        if (position != null) {
            int last = tags.all(caller.tenantId(), caller.id()).stream().mapToInt(Tag::position).max().orElse(1);
            if (position < 1 || position > last) {
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

    /** Sets a conversation's tags (creating unknown ones) and answers the tags it now has. */
    List<String> tagConversation(CurrentUser caller, String conversationId, List<String> requested) {
        String convo = requireOwn(caller, conversationId);
        if (requested == null) {
            throw ApiException.Invalid.field("tags", "is required");
        }
        if (requested.size() > MAX_TAGS_PER_CONVO) {
            throw ApiException.Invalid.field("tags", "must have at most " + MAX_TAGS_PER_CONVO + " items");
        }
        List<String> names = List.copyOf(new LinkedHashSet<>(requested.stream().map(Tags::name).toList()));
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
    private String requireOwn(CurrentUser caller, String conversationId) {
        String convo = Ids.requireUuid("conversationId", conversationId);
        convos.find(caller.tenantId(), caller.id(), convo).orElseThrow(Tags::conversationNotFound);
        return convo;
    }

    private static ApiException conversationNotFound() {
        return new ApiException.NotFound("Conversation not found");
    }

    private static String name(String tag) {
        String name = tag == null ? "" : tag.trim();
        if (name.isEmpty() || name.length() > MAX_TAG) {
            throw ApiException.Invalid.field("tag", "must be 1 to " + MAX_TAG + " characters");
        }
        return name;
    }

    private static String description(String description) {
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw ApiException.Invalid.field("description", "must be at most " + MAX_DESCRIPTION + " characters");
        }
        return description;
    }

    static ApiException notFound() {
        return new ApiException.NotFound("Tag not found");
    }

    /** Account erasure: all of the person's tags. */
    public long deleteAllOf(String tenantId, String user) {
        return tags.deleteAll(tenantId, user);
    }
}
