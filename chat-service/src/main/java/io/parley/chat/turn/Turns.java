package io.parley.chat.turn;

import io.parley.chat.provider.ModelProvider;
import io.parley.common.security.CurrentUser;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Accepting a chat turn, stage by stage: plan it, find its kind of run, start its job; then it runs
 * on its own ({@link TurnRunner}) and settles its answer and cost ({@link Settlement}). Everything that
 * can be checked is checked before the job starts, so bad input changes nothing; the answer to the
 * request is sent at once.
 */
@Component
class Turns {

    private final TurnPlanner planner;
    private final RunKinds kinds;
    private final TurnJobs jobs;
    private final TurnRunner runner;
    private final Steering steering;

    Turns(TurnPlanner planner, RunKinds kinds, TurnJobs jobs, TurnRunner runner, Steering steering) {
        this.planner = planner;
        this.kinds = kinds;
        this.jobs = jobs;
        this.runner = runner;
        this.steering = steering;
    }

    /** The accepted turn as the start answer names it. */
    record Accepted(String streamId, String conversationId, Instant createdAt) {
    }

    Accepted start(CurrentUser caller, @Nullable String endpointName, TurnRequest body) {
        // The conversation first: another person's id is 404 whatever else the request holds.
        TurnConversation conversation = planner.conversation(caller, body.conversationId());
        RunKind kind = kinds.of(endpointName, body);
        TurnPlan plan = planner.plan(caller, body, conversation, kind);
        ModelProvider provider = kinds.provider(caller, kind);
        TurnJobs.Running running = jobs.start(caller, body, conversation, kind, plan);
        runner.start(running.turn(), running.job(), provider);
        steering.sentAgain(caller, conversation.id(), body.recoverySteerId());
        return new Accepted(conversation.id(), conversation.id(), running.createdAt());
    }
}
