package io.parley.chat.turn;

import io.parley.chat.convo.Convos;
import io.parley.chat.message.Messages;
import io.parley.chat.project.ChatProjects;
import io.parley.chat.stream.JobInfo;
import io.parley.chat.stream.JobKey;
import io.parley.chat.stream.Jobs;
import io.parley.chat.stream.LiveJob;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The job stage of a turn: starts its resumable job, within the person's limit of running jobs and one
 * per conversation, and only then records what the turn changes before the model is called: the
 * balance hold, the conversation's endpoint and model, the person's new message. Should any of that
 * fail, the job is discarded and the turn refused.
 */
@Component
class TurnJobs {

    private final Jobs jobs;
    private final BalancesClient balances;
    private final Convos convos;
    private final Messages messages;
    private final ChatProjects projects;

    TurnJobs(Jobs jobs, BalancesClient balances, Convos convos, Messages messages, ChatProjects projects) {
        this.jobs = jobs;
        this.balances = balances;
        this.convos = convos;
        this.messages = messages;
        this.projects = projects;
    }

    /** Too many of the person's turns are running. */
    static final class AtLimit extends RuntimeException {
        final int limit;
        final int running;

        AtLimit(int limit, int running) {
            super("Only " + limit + " responses can be generated at once. Please wait for one to finish.");
            this.limit = limit;
            this.running = running;
        }
    }

    /** The accepted turn and its started job, which has emitted nothing yet. */
    record Running(Turn turn, LiveJob job, Instant createdAt) {
    }

    /**
     * @throws AtLimit               when the person runs as many turns as they may
     * @throws ApiException.Conflict when a turn of the conversation is still running
     */
    Running start(CurrentUser caller, TurnRequest body, TurnConversation conversation, RunKind kind, TurnPlan plan) {
        Instant createdAt = Instant.now();
        LiveJob job = claim(caller, conversation.id(), kind, plan, createdAt);
        BalancesClient.Hold hold;
        try {
            hold = balances.begin(caller.tenantId(), conversation.id(), plan.responseMessageId(), kind.model(),
                    kind.endpoint().name(), plan.promptTokens());
            record(caller, body, conversation.id(), kind, plan);
        } catch (RuntimeException e) {
            jobs.discard(job);
            throw e;
        }
        boolean wantsTitle = conversation.isNew() && !body.temporary() && kind.endpoint().titleConvo();
        return new Running(new Turn(caller, conversation.id(), kind, plan, hold, wantsTitle), job, createdAt);
    }

    private LiveJob claim(CurrentUser caller, String conversationId, RunKind kind, TurnPlan plan, Instant createdAt) {
        JobInfo info = new JobInfo(conversationId, conversationId, plan.responseMessageId(), kind.sender(),
                kind.responseModel(), kind.recordedEndpoint(), plan.userMessage(), createdAt, JobInfo.Status.RUNNING);
        Jobs.Started started = jobs.start(new JobKey(caller.tenantId(), caller.id(), conversationId), info);
        return switch (started.outcome()) {
            case AT_LIMIT -> throw new AtLimit(jobs.properties().concurrentMax(),
                    jobs.running(caller.tenantId(), caller.id()).size());
            case ALREADY_RUNNING -> throw new ApiException.Conflict(
                    "A response is still being generated in this conversation. Please wait for it or stop it.");
            case STARTED -> started.job();
        };
    }

    /**
     * The conversation takes the run's endpoint and model, and the chat project the client names when it
     * is one of the person's (a new chat started in a project); a new message of the person is stored.
     */
    private void record(CurrentUser caller, TurnRequest body, String conversationId, RunKind kind, TurnPlan plan) {
        Map<String, Object> fields = kind.conversationFields();
        if (body.temporary()) {
            fields.put("isTemporary", true);
        }
        projects.ownProject(caller.tenantId(), caller.id(), body.chatProjectId())
                .ifPresent(project -> fields.put("chatProjectId", project));
        convos.touch(caller.tenantId(), caller.id(), conversationId, fields);
        if (plan.newUserMessage() != null) {
            messages.insertNew(plan.newUserMessage());
        }
    }
}
