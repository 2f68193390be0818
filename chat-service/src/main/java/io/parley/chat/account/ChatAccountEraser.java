package io.parley.chat.account;

import io.parley.chat.convo.Convos;
import io.parley.chat.key.UserKeys;
import io.parley.chat.message.Messages;
import io.parley.chat.preset.Presets;
import io.parley.chat.project.ChatProjects;
import io.parley.chat.prompt.Prompts;
import io.parley.chat.stream.JobKey;
import io.parley.chat.stream.Jobs;
import io.parley.chat.tag.Tags;
import io.parley.common.events.AccountDataEraser;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What chat-service keeps about a person whose account was deleted: messages, conversations, tags, chat
 * projects, presets, prompt groups and prompts they wrote, and their own API keys, all in one tenant. Their
 * running generations are stopped first.
 */
@Component
class ChatAccountEraser implements AccountDataEraser {

    private static final Logger log = LoggerFactory.getLogger(ChatAccountEraser.class);

    private final Jobs jobs;
    private final Messages messages;
    private final Convos convos;
    private final Tags tags;
    private final ChatProjects projects;
    private final Presets presets;
    private final Prompts prompts;
    private final UserKeys keys;

    ChatAccountEraser(Jobs jobs, Messages messages, Convos convos, Tags tags, ChatProjects projects, Presets presets,
                      Prompts prompts, UserKeys keys) {
        this.jobs = jobs;
        this.messages = messages;
        this.convos = convos;
        this.tags = tags;
        this.projects = projects;
        this.presets = presets;
        this.prompts = prompts;
        this.keys = keys;
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
        // messages before their conversations, as a conversation's own deletion does
        long messageCount = messages.deleteAllOf(tenantId, userId);
        long convoCount = convos.deleteAllOf(tenantId, userId);
        long tagCount = tags.deleteAllOf(tenantId, userId);
        long projectCount = projects.deleteAllOf(tenantId, userId);
        long presetCount = presets.deleteAll(tenantId, userId);
        long promptCount = prompts.deleteAll(tenantId, userId);
        long keyCount = keys.deleteAll(tenantId, userId);
        log.info("Chat data erased tenant_id={} user_id={} conversations={} messages={} tags={} projects={} presets={} "
                + "prompts={} keys={} stopped_generations={}", tenantId, userId, convoCount, messageCount, tagCount,
                projectCount, presetCount, promptCount, keyCount, running.size());
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
