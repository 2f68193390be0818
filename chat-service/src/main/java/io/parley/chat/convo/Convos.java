package io.parley.chat.convo;

import io.parley.chat.search.ChatSearch;
import io.parley.chat.support.Ids;
import io.parley.chat.support.PageRequest;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** A person's conversations: listing, reading, renaming, archiving, pinning, deleting (with their links and messages). */
@Component
public class Convos {

    private static final Logger log = LoggerFactory.getLogger(Convos.class);
    static final int MAX_TITLE = 1024;
    static final String DEFAULT_TITLE = "New Chat";
    static final int MAX_SEARCH_HITS = 1000;
    static final String NOT_FOUND = "Conversation not found";

    private final ConvoStore convos;
    private final ConversationMessages messages;
    private final ConversationLinks links;
    private final ApplicationEventPublisher events;
    private final ChatSearch search;

    Convos(ConvoStore convos, ConversationMessages messages, ConversationLinks links, ApplicationEventPublisher events,
           ChatSearch search) {
        this.convos = convos;
        this.messages = messages;
        this.links = links;
        this.events = events;
        this.search = search;
    }

    record Page(List<Conversation> conversations, @Nullable String nextCursor, boolean hasMore) {
    }

    /** LibreChat's answer to a deletion: how many conversations and messages went. */
    record Deleted(boolean acknowledged, long deletedCount, Count messages) {

        record Count(boolean acknowledged, long deletedCount) {
        }
    }

    /**
     * @param search  words to find in titles or messages; null for all
     * @param project a chat project's id, {@code unassigned} for the conversations in none; null for all
     */
    Page list(CurrentUser caller, boolean archived, List<String> tags, String search, @Nullable String project,
              PageRequest page) {
        ConvoStore.ListFilter filter = new ConvoStore.ListFilter(archived, tags,
                search == null ? null : this.search.conversationIds(caller.tenantId(), caller.id(), search, MAX_SEARCH_HITS),
                project);
        return convos.page(caller.tenantId(), caller.id(), filter, page);
    }

    Conversation get(CurrentUser caller, String conversationId) {
        return convos.find(caller.tenantId(), caller.id(), Ids.requireUuid("conversationId", conversationId))
                .orElseThrow(Convos::notFound);
    }

    /**
     * The conversation's title once it is no longer the placeholder: chat turns write the generated
     * title onto the conversation, so there is nothing to wait for here.
     */
    String generatedTitle(CurrentUser caller, String conversationId) {
        Conversation convo = convos.find(caller.tenantId(), caller.id(), Ids.requireUuid("conversationId", conversationId))
                .orElseThrow(Convos::notFound);
        String title = convo.title();
        if (title == null || title.equals(DEFAULT_TITLE)) {
            throw new ApiException.NotFound("Title not found or not generated yet for this conversation");
        }
        return title;
    }

    /**
     * The change's value is read only once the conversation is known to be the caller's, so another person's
     * id is 404 whatever the body holds.
     *
     * @param title the new title, trimmed and checked (1 to {@value #MAX_TITLE} characters)
     */
    Conversation rename(CurrentUser caller, String conversationId, Supplier<String> title) {
        return set(caller, conversationId, "title", title::get);
    }

    /** @see #rename */
    Conversation archive(CurrentUser caller, String conversationId, Supplier<Boolean> archived) {
        return set(caller, conversationId, "isArchived", archived::get);
    }

    /** @see #rename */
    Conversation pin(CurrentUser caller, String conversationId, Supplier<Boolean> pinned) {
        return set(caller, conversationId, "pinned", pinned::get);
    }

    /**
     * Sets a field of the caller's conversation. {@code value} is asked only once the conversation is
     * known to be the caller's, so another person's id is 404 whatever the body holds.
     */
    private Conversation set(CurrentUser caller, String conversationId, String field, Supplier<Object> value) {
        String id = Ids.requireUuid("conversationId", conversationId);
        convos.find(caller.tenantId(), caller.id(), id).orElseThrow(Convos::notFound);
        return convos.set(caller.tenantId(), caller.id(), id, field, value.get()).orElseThrow(Convos::notFound);
    }

    /** LibreChat's answer: how many conversations and messages went. */
    Deleted delete(CurrentUser caller, String conversationId) {
        String id = Ids.requireUuid("conversationId", conversationId);
        Set<String> tags = convos.find(caller.tenantId(), caller.id(), id)
                .map(c -> c.tags() == null ? Set.<String>of() : Set.copyOf(c.tags())).orElse(Set.of());
        // links, then messages, then the conversation: a crash in between leaves a conversation to delete again, never orphans
        links.deleteConversation(caller.tenantId(), caller.id(), id);
        long deletedMessages = messages.deleteConversation(caller.tenantId(), caller.id(), id);
        long deleted = convos.delete(caller.tenantId(), caller.id(), id);
        if (deleted == 0 && deletedMessages == 0) {
            throw notFound();
        }
        events.publishEvent(new ConversationsDeleted(caller.tenantId(), caller.id(), tags));
        log.info("Conversation deleted tenant_id={} user_id={} convo_id={}", caller.tenantId(), caller.id(), id);
        return counts(deleted, deletedMessages);
    }

    Deleted deleteAll(CurrentUser caller) {
        links.deleteAll(caller.tenantId(), caller.id());
        long deletedMessages = messages.deleteAll(caller.tenantId(), caller.id());
        long deleted = convos.deleteAll(caller.tenantId(), caller.id());
        events.publishEvent(new ConversationsDeleted(caller.tenantId(), caller.id(), null));
        log.info("All conversations deleted tenant_id={} user_id={} count={}", caller.tenantId(), caller.id(), deleted);
        return counts(deleted, deletedMessages);
    }

    private static Deleted counts(long conversations, long messages) {
        return new Deleted(true, conversations, new Deleted.Count(true, messages));
    }

    static ApiException notFound() {
        return new ApiException.NotFound(NOT_FOUND);
    }

    // What other features ask of conversations (turns, messages, tags, forks, imports, account erasure).

    public Optional<Conversation> find(String tenantId, String user, String conversationId) {
        return convos.find(tenantId, user, conversationId);
    }

    /** @throws ApiException.NotFound when another user of the tenant has this conversation */
    public void requireNotAnothers(String tenantId, String user, String conversationId) {
        convos.requireNotAnothers(tenantId, user, conversationId);
    }

    /**
     * Creates the conversation on its first message, or marks it as just used.
     *
     * @throws ApiException.NotFound when another user of the tenant has this conversation
     */
    public void touch(String tenantId, String user, String conversationId, Map<String, Object> setIfPresent) {
        convos.touch(tenantId, user, conversationId, setIfPresent);
    }

    /** {@link #touch}, answering the conversation as stored afterwards. */
    public Conversation touchAndGet(String tenantId, String user, String conversationId, Map<String, Object> setIfPresent) {
        return convos.touchAndGet(tenantId, user, conversationId, setIfPresent);
    }

    /** Sets a generated title unless the person has named the conversation meanwhile. */
    public void titleIfDefault(String tenantId, String user, String conversationId, String title) {
        convos.titleIfDefault(tenantId, user, conversationId, title);
    }

    /** Who holds each of these conversations in the tenant, by conversation id; ids nobody holds are left out. */
    public Map<String, String> owners(String tenantId, Collection<String> conversationIds) {
        return convos.owners(tenantId, conversationIds);
    }

    /** Stores a whole conversation made elsewhere (a fork, an import); answers it as stored. */
    public Conversation insert(Conversation conversation) {
        return convos.insert(conversation);
    }

    public boolean addTag(String tenantId, String user, String conversationId, String tag) {
        return convos.addTag(tenantId, user, conversationId, tag);
    }

    /** @return the tags as stored, empty when the person has no such conversation */
    public Optional<List<String>> replaceTags(String tenantId, String user, String conversationId, List<String> tags) {
        return convos.replaceTags(tenantId, user, conversationId, tags);
    }

    public void renameTag(String tenantId, String user, String from, String to) {
        convos.renameTag(tenantId, user, from, to);
    }

    public void removeTag(String tenantId, String user, String tag) {
        convos.removeTag(tenantId, user, tag);
    }

    public long countTagged(String tenantId, String user, String tag) {
        return convos.countTagged(tenantId, user, tag);
    }

    /**
     * Files the person's conversation under a chat project, or under none ({@code projectId} null); the
     * caller has checked that the project is the person's.
     *
     * @return the conversation as it is now; empty when the person has no such conversation
     */
    public Optional<Conversation> setProject(String tenantId, String user, String conversationId, @Nullable String projectId) {
        return convos.setProject(tenantId, user, conversationId, projectId);
    }

    /** Takes the person's conversations out of a project (it is being deleted); how many were in it. */
    public long clearProject(String tenantId, String user, String projectId) {
        return convos.clearProject(tenantId, user, projectId);
    }

    /**
     * Each project's count of conversations and the last active one, over the conversations a project's
     * list shows; projects without any are left out.
     *
     * @param projectIds the projects to count; null for all of the person's
     */
    public List<ProjectActivity> projectActivity(String tenantId, String user, @Nullable Collection<String> projectIds) {
        return convos.projectActivity(tenantId, user, projectIds);
    }

    /** Account erasure: the person's conversations (their messages are the message feature's). */
    public long deleteAllOf(String tenantId, String user) {
        return convos.deleteAll(tenantId, user);
    }

    /**
     * How many of these each user of the tenant has (LibreChat's {@code user-stats}); users with none are
     * absent. Scans the tenant's documents: for admin commands, not for requests of the client.
     */
    public Map<String, Long> countByUser(String tenantId) {
        return convos.countByUser(tenantId);
    }
}
