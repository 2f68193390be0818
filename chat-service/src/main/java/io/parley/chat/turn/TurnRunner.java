package io.parley.chat.turn;

import io.parley.chat.agent.RunTools;
import io.parley.chat.provider.Cancellation;
import io.parley.chat.provider.Completion;
import io.parley.chat.provider.ModelRequest;
import io.parley.chat.provider.ModelRequest.ChatMessage;
import io.parley.chat.provider.ModelRequest.Role;
import io.parley.chat.provider.ProviderException;
import io.parley.chat.stream.ContentAggregate;
import io.parley.chat.stream.JobInfo.Status;
import io.parley.chat.stream.Jobs;
import io.parley.chat.stream.LiveJob;
import io.parley.chat.stream.StreamEvent;
import io.parley.chat.support.ApiDocs;
import io.parley.chat.support.TokenCounter;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs a turn's job on its own virtual thread: calls the model, streams its answer as events,
 * saves the answer (whole, or partial and marked when it failed or was stopped) and only then sends
 * the final event. Nobody needs to be listening: a client that goes away does not stop the job.
 * Should this instance stop mid-turn, another one finishes the turn ({@link TurnTakeover}) from what
 * the job left in Redis; a job this instance gave up ({@link LiveJob#superseded()}) stores nothing more.
 */
@Component
class TurnRunner {

    private static final Logger log = LoggerFactory.getLogger(TurnRunner.class);
    /** How long the final event waits for a title still being made. */
    private static final long TITLE_WAIT_MS = 3_000;

    private final Jobs jobs;
    private final Responses responses;
    private final TokenCounter tokens;
    private final Titles titles;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService deadlines =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("turn-deadlines").daemon().factory());

    TurnRunner(Jobs jobs, Responses responses, TokenCounter tokens, Titles titles) {
        this.jobs = jobs;
        this.responses = responses;
        this.tokens = tokens;
        this.titles = titles;
    }

    void start(Turn turn) {
        threads.execute(() -> run(turn));
    }

    private void run(Turn turn) {
        LiveJob job = turn.job();
        try {
            // Before the first event: an instance finishing this turn for us finds it with whatever got out.
            jobs.handover(job, TurnRecord.of(turn).json());
            job.emit(TurnEvents.created(turn.userMessage(), job.key().streamId()));
            if (!turn.hold().allowed()) {
                refuse(turn);
                return;
            }
            generate(turn);
        } catch (RuntimeException e) {
            // Saving failed (the store is down): the person sees an error; nothing half-written is claimed as saved.
            log.error("Turn {} failed", job.key().streamId(), e);
            job.emit(TurnEvents.error("An error occurred while processing the request. Please try again."));
            jobs.finished(job, Status.ERROR);
        }
    }

    private void generate(Turn turn) {
        LiveJob job = turn.job();
        CompletableFuture<Optional<String>> title = turn.wantsTitle()
                ? CompletableFuture.supplyAsync(() -> titled(turn), threads) : null;
        RunSteps steps = new RunSteps(job, turn.responseMessageId());
        ContentAggregate answer = steps.answer();
        Cancellation cancel = job.cancellation();
        ScheduledFuture<?> deadline = deadlines.schedule(cancel::cancel, jobs.properties().maxDuration().toMillis(),
                TimeUnit.MILLISECONDS);
        Status status;
        String failure = null;
        String stopped = null;
        Usage usage = new Usage();
        try {
            stopped = loop(turn, steps, cancel, usage);
            status = Status.COMPLETE;
        } catch (ProviderException.Cancelled cancelled) {
            status = Status.ABORTED;
        } catch (ProviderException e) {
            status = Status.ERROR;
            failure = e.getMessage();
        } finally {
            deadline.cancel(false);
        }
        if (job.superseded()) {
            // Another instance saves and settles what the shared log holds; this one's followers learn the same end.
            log.info("Turn given up to another instance stream_id={} tenant_id={}", job.key().streamId(),
                    job.key().tenantId());
            job.emit(TurnEvents.error(TurnTakeover.INTERRUPTED));
            return;
        }

        List<Map<String, Object>> parts = Responses.merged(turn.earlierParts(), answer.parts());
        if (failure != null) {
            parts.add(Responses.errorPart(failure));
        }
        if (stopped != null) {
            parts.add(Responses.errorPart(stopped));
        }
        int completionTokens = usage.reported ? usage.completion : tokens.count(answer.text());
        int promptTokens = usage.reported ? usage.prompt : turn.promptTokens();
        Responses.Saved saved = responses.save(TurnRecord.of(turn), parts, completionTokens, promptTokens, status);
        String context = jobs.settleAs(job.key(), status == Status.ABORTED ? "incomplete" : "message");
        turn.settle(context, promptTokens, completionTokens, turn.model());

        String titleNow = status == Status.COMPLETE ? awaitTitle(title) : null;
        Map<String, Object> conversation = saved.conversation();
        if (titleNow != null) {
            conversation.put("title", titleNow);
        }
        String shownTitle = (String) conversation.get("title");
        Map<String, Object> response = ApiDocs.of(saved.response(), "_id", "user", "createdAt", "updatedAt");
        switch (status) {
            case COMPLETE -> {
                steps.close();
                job.emit(TurnEvents.fin(conversation, shownTitle, turn.userMessage(), response));
            }
            case ABORTED -> job.emit(TurnEvents.abortFinal(conversation, shownTitle, turn.userMessage(), response,
                    answer.parts().isEmpty()));
            default -> job.emit(TurnEvents.error(failure));
        }
        jobs.finished(job, status);
    }

    /** Token counts over every model call of a turn; {@code reported} once a provider gave any. */
    private static final class Usage {
        boolean reported;
        int prompt;
        int completion;

        void add(Completion call) {
            if (call.usage() != null) {
                reported = true;
                prompt += call.usage().promptTokens();
                completion += call.usage().completionTokens();
            }
        }
    }

    /**
     * Calls the model; while it asks for tools (an agent run), runs them and calls it again with their
     * results, until it answers without tools or the run's recursion limit is reached. Each model call
     * and each round of tools is one step, as LangGraph counts them in LibreChat.
     *
     * @return null when the model finished, else the note of the stop LibreChat shows as an error part
     */
    private String loop(Turn turn, RunSteps steps, Cancellation cancel, Usage usage) {
        RunTools tools = turn.agent() == null ? null : turn.agent().tools();
        ModelRequest request = tools == null || tools.isEmpty() || !turn.provider().callsTools() ? turn.request()
                : turn.request().withTools(tools.specs());
        if (request.tools().isEmpty()) {
            steps.begin();
        }
        int limit = turn.agent() == null ? Integer.MAX_VALUE : turn.agent().recursionLimit();
        int taken = 0;
        while (true) {
            steps.newModelCall();
            Completion completion = turn.provider().stream(request, steps, cancel);
            usage.add(completion);
            taken++;
            if (completion.toolCalls().isEmpty() || request.tools().isEmpty()) {
                return null;
            }
            if (taken + 1 > limit) {
                return "An error occurred while processing the request: Recursion limit of " + limit
                        + " reached without hitting a stop condition.";
            }
            List<ChatMessage> round = new ArrayList<>();
            round.add(new ChatMessage(Role.ASSISTANT, completion.text(), completion.toolCalls(), null));
            for (ModelRequest.ToolCall call : completion.toolCalls()) {
                String output = tools.call(call, cancel);
                steps.toolDone(call, output);
                round.add(ChatMessage.toolResult(call.id(), output));
            }
            taken++;
            request = request.followedBy(round);
        }
    }

    private Optional<String> titled(Turn turn) {
        Optional<String> title = titles.generate(turn, turn.job().cancellation());
        title.ifPresent(t -> turn.job().emit(TurnEvents.title(turn.conversationId(), t)));
        return title;
    }

    private static String awaitTitle(CompletableFuture<Optional<String>> title) {
        if (title == null) {
            return null;
        }
        try {
            return title.get(TITLE_WAIT_MS, TimeUnit.MILLISECONDS).orElse(null);
        } catch (TimeoutException slow) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            return null;
        }
    }

    /** Too little balance: LibreChat's token_balance error, saved as the answer, and no model call. */
    private void refuse(Turn turn) {
        BalancesClient.Hold hold = turn.hold();
        String reason = StreamEvent.toJson(TurnEvents.map("type", "token_balance", "balance", hold.balance(),
                "tokenCost", hold.tokenCost(), "promptTokens", turn.promptTokens()));
        responses.saveText(TurnRecord.of(turn), reason, turn.promptTokens(), Status.ERROR);
        turn.job().emit(TurnEvents.error(reason));
        jobs.finished(turn.job(), Status.ERROR);
    }

    @PreDestroy
    void stop() {
        deadlines.shutdownNow();
        threads.shutdown();
    }
}
