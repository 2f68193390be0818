package io.parley.chat.turn;

import io.parley.chat.provider.Cancellation;
import io.parley.chat.provider.ModelProvider;
import io.parley.chat.stream.JobInfo.Status;
import io.parley.chat.stream.Jobs;
import io.parley.chat.stream.LiveJob;
import io.parley.chat.stream.Steer;
import io.parley.chat.stream.StreamEvent;
import java.util.Set;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.concurrent.DelegatingSecurityContextExecutorService;
import org.springframework.stereotype.Component;

/**
 * Runs a turn's job on its own virtual thread: calls the model ({@link ModelCalls}, which takes the
 * person's steers at the run's tool boundaries), streams its answer as events, settles the answer (whole,
 * or partial and marked when it failed or was stopped) through {@link Settlement} and only then sends the
 * final event, with the steers the run never took. Nobody needs to be listening: a client that
 * goes away does not stop the job. Should this instance stop mid-turn, another one finishes the turn
 * ({@link TurnTakeover}) from what the job left in Redis; a job this instance gave up
 * ({@link LiveJob#superseded()}) stores nothing more.
 */
@Component
class TurnRunner {

    private static final Logger log = LoggerFactory.getLogger(TurnRunner.class);
    /** How long the final event waits for a title still being made. */
    private static final long TITLE_WAIT_MS = 3_000;

    private final Jobs jobs;
    private final ModelCalls calls;
    private final Settlement settlement;
    private final Titles titles;
    /**
     * A job's threads carry the security context of the request that accepted the turn (taken as the
     * job is handed over), so the common gRPC client interceptor relays the person's token on the job's
     * calls as it does on the request's.
     */
    private final ExecutorService threads =
            new DelegatingSecurityContextExecutorService(Executors.newVirtualThreadPerTaskExecutor());
    private final ScheduledExecutorService deadlines =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("turn-deadlines").daemon().factory());

    TurnRunner(Jobs jobs, ModelCalls calls, Settlement settlement, Titles titles) {
        this.jobs = jobs;
        this.calls = calls;
        this.settlement = settlement;
        this.titles = titles;
    }

    /** Runs the accepted turn; called while serving the request that accepted it. */
    void start(Turn turn, LiveJob job, ModelProvider provider) {
        threads.execute(() -> run(turn, job, provider));
    }

    private void run(Turn turn, LiveJob job, ModelProvider provider) {
        try {
            TurnRecord record = TurnRecord.of(turn);
            // Before the first event: an instance finishing this turn for us finds it with whatever got out.
            jobs.handover(job, record.json());
            job.emit(TurnEvents.created(turn.plan().userMessage(), job.key().streamId()));
            if (!turn.hold().allowed()) {
                refuse(turn, job, record);
                return;
            }
            generate(turn, job, provider, record);
        } catch (RuntimeException e) {
            // Saving failed (the store is down): the person sees an error; nothing half-written is claimed as saved.
            log.error("Turn {} failed", job.key().streamId(), e);
            closeSteering(job);
            job.emit(TurnEvents.error("An error occurred while processing the request. Please try again."));
            jobs.finished(job, Status.ERROR);
        }
    }

    private void generate(Turn turn, LiveJob job, ModelProvider provider, TurnRecord record) {
        CompletableFuture<Optional<String>> title = turn.wantsTitle()
                ? CompletableFuture.supplyAsync(() -> titled(turn, job, provider), threads)
                : CompletableFuture.completedFuture(Optional.empty());
        RunSteps steps = new RunSteps(job, turn.plan().responseMessageId());
        ModelCalls.Outcome outcome = callModel(turn, job, provider, steps);
        if (job.superseded()) {
            // Another instance saves and settles what the shared log holds; this one's followers learn the same end.
            log.info("Turn given up to another instance stream_id={} tenant_id={}", job.key().streamId(),
                    job.key().tenantId());
            job.emit(TurnEvents.error(TurnTakeover.INTERRUPTED));
            return;
        }
        Responses.Saved saved = settlement.answer(job.key(), record, steps.answer(), outcome);
        String titleNow = outcome.status() == Status.COMPLETE ? awaitTitle(title) : null;
        finish(turn, job, steps, outcome, saved, titleNow);
    }

    /** The model calls, stopped once the job has run as long as a job may. */
    private ModelCalls.Outcome callModel(Turn turn, LiveJob job, ModelProvider provider, RunSteps steps) {
        Cancellation cancel = job.cancellation();
        ScheduledFuture<?> deadline = deadlines.schedule(cancel::cancel, jobs.properties().maxDuration().toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            return calls.call(turn.kind(), turn.plan().request(), provider, steps, cancel, () -> jobs.applySteers(job));
        } finally {
            deadline.cancel(false);
        }
    }

    /** The final event as the outcome has it, with the saved answer and the conversation (titled if it was). */
    private void finish(Turn turn, LiveJob job, RunSteps steps, ModelCalls.Outcome outcome, Responses.Saved saved,
                        @Nullable String titleNow) {
        Map<String, Object> conversation = saved.conversation();
        if (titleNow != null) {
            conversation.put("title", titleNow);
        }
        String shownTitle = (String) conversation.get("title");
        Map<String, Object> response = saved.response().json();
        response.keySet().removeAll(Set.of("createdAt", "updatedAt"));
        Map<String, Object> asked = turn.plan().userMessage();
        List<Steer> leftover = closeSteering(job);
        switch (outcome.status()) {
            case COMPLETE -> {
                steps.close();
                job.emit(TurnEvents.fin(conversation, shownTitle, asked, response, leftover));
            }
            case ABORTED -> job.emit(TurnEvents.abortFinal(conversation, shownTitle, asked, response,
                    steps.answer().parts().isEmpty(), leftover));
            default -> job.emit(TurnEvents.error(outcome.failure()));
        }
        jobs.finished(job, outcome.status());
    }

    /**
     * No steer is taken once the job ends: those still waiting are left over, for the final event (and the
     * status, where a client that missed it finds them). A job given up leaves that to the instance that
     * took it over.
     */
    private List<Steer> closeSteering(LiveJob job) {
        return job.superseded() ? List.of() : jobs.closeSteers(job.key(), job.info().createdAt().toEpochMilli());
    }

    private Optional<String> titled(Turn turn, LiveJob job, ModelProvider provider) {
        Optional<String> title = titles.generate(turn, provider, job.cancellation());
        title.ifPresent(t -> job.emit(TurnEvents.title(turn.conversationId(), t)));
        return title;
    }

    private static @Nullable String awaitTitle(CompletableFuture<Optional<String>> title) {
        try {
            return title.get(TITLE_WAIT_MS, TimeUnit.MILLISECONDS).orElse(null);
        } catch (TimeoutException | ExecutionException slowOrFailed) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Too little balance: LibreChat's token_balance error, saved as the answer, and no model call. */
    private void refuse(Turn turn, LiveJob job, TurnRecord record) {
        BalancesClient.Hold hold = turn.hold();
        String reason = StreamEvent.toJson(TurnEvents.map("type", "token_balance", "balance", hold.balance(),
                "tokenCost", hold.tokenCost(), "promptTokens", record.promptTokens()));
        settlement.refusal(record, reason);
        closeSteering(job);
        job.emit(TurnEvents.error(reason));
        jobs.finished(job, Status.ERROR);
    }

    @PreDestroy
    void stop() {
        deadlines.shutdownNow();
        threads.shutdown();
    }
}
