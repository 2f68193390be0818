package io.parley.chat.account;

import io.parley.chat.convo.Convos;
import io.parley.chat.key.UserKeys;
import io.parley.chat.memory.Memories;
import io.parley.chat.message.Messages;
import io.parley.chat.preset.Presets;
import io.parley.chat.project.ChatProjects;
import io.parley.chat.prompt.Prompts;
import io.parley.chat.share.SharedLinks;
import io.parley.chat.stream.JobKey;
import io.parley.chat.stream.Jobs;
import io.parley.chat.tag.Tags;
import io.parley.common.events.AccountDataEraser;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What chat-service keeps about a person whose account was deleted: shared links, messages, conversations,
 * tags, chat projects, presets, prompt groups and prompts they wrote, their own API keys and their memories, all in
 * one tenant. Their
 * running generations are stopped first.
 */
@Component
class ChatAccountEraser implements AccountDataEraser {

    private static final Logger log = LoggerFactory.getLogger(ChatAccountEraser.class);

    private final Jobs jobs;
    private final SharedLinks links;
    private final Messages messages;
    private final Convos convos;
    private final Tags tags;
    private final ChatProjects projects;
    private final Presets presets;
    private final Prompts prompts;
    private final UserKeys keys;
    private final Memories memories;

    ChatAccountEraser(Jobs jobs, SharedLinks links, Messages messages, Convos convos, Tags tags, ChatProjects projects,
                      Presets presets, Prompts prompts, UserKeys keys, Memories memories) {
        this.jobs = jobs;
        this.links = links;
        this.messages = messages;
        this.convos = convos;
        this.tags = tags;
        this.projects = projects;
        this.presets = presets;
        this.prompts = prompts;
        this.keys = keys;
        this.memories = memories;
    }

    /**
     * @throws GenerationsWereRunning after erasing, when generations had to be stopped: a stopped
     *                                generation saves what it had, possibly after this pass, so the
     *                                event is left to be erased again once they have ended
     */
    @Override
    public void erase(String tenantId, String userId) {
        List<String> running = jobs.running(tenantId, userId);
        running.forEach(streamId -> jobs.abort(new JobKey(tenantId, userId, streamId)));
        // links, then messages, then their conversations, as a conversation's own deletion goes
        long linkCount = links.deleteAllOf(tenantId, userId);
        long messageCount = messages.deleteAllOf(tenantId, userId);
        long convoCount = convos.deleteAllOf(tenantId, userId);
        long tagCount = tags.deleteAllOf(tenantId, userId);
        long projectCount = projects.deleteAllOf(tenantId, userId);
        long presetCount = presets.deleteAll(tenantId, userId);
        long promptCount = prompts.deleteAll(tenantId, userId);
        long keyCount = keys.deleteAll(tenantId, userId);
        long memoryCount = memories.deleteAllOf(tenantId, userId);
        log.info("Chat data erased tenant_id={} user_id={} conversations={} messages={} shared_links={} tags={} projects={} "
                + "presets={} prompts={} keys={} memories={} stopped_generations={}", tenantId, userId, convoCount,
                messageCount, linkCount, tagCount, projectCount, presetCount, promptCount, keyCount, memoryCount,
                running.size());
        if (!running.isEmpty()) {
            throw new GenerationsWereRunning(running.size());
        }
    }

    /** Not a fault: the erasure is to be repeated once the stopped generations have saved their last words. */
    static final class GenerationsWereRunning extends IllegalStateException {

        GenerationsWereRunning(int count) {
            super(count + " generation(s) were stopped; erasing again once they have ended");
        }
    }
}
