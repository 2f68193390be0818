package io.parley.chat.turn;

import io.parley.chat.message.ContentPart;
import io.parley.chat.stream.ContentAggregate;
import io.parley.chat.stream.JobInfo.Status;
import io.parley.chat.stream.JobKey;
import io.parley.chat.stream.Jobs;
import io.parley.chat.support.TokenCounter;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The settle stage of a turn: records its answer and settles what its model calls cost against its
 * hold. The one way both happen, for the instance running the turn and for one that took it over.
 */
@Component
class Settlement {

    private final Responses responses;
    private final Jobs jobs;
    private final BalancesClient balances;
    private final TokenCounter tokens;

    Settlement(Responses responses, Jobs jobs, BalancesClient balances, TokenCounter tokens) {
        this.responses = responses;
        this.jobs = jobs;
        this.balances = balances;
        this.tokens = tokens;
    }

    /** The tokens an answer is charged for. */
    record Used(int prompt, int completion) {
    }

    /**
     * Saves the answer, with what went wrong after it, then settles its tokens: as {@code incomplete}
     * when the person stopped it, else as {@code message}.
     */
    Responses.Saved answer(JobKey key, TurnRecord turn, ContentAggregate answer, ModelCalls.Outcome outcome) {
        Used used = used(turn, answer, outcome.usage());
        Responses.Saved saved = record(turn, parts(turn, answer, outcome.failure(), outcome.stopped()), used,
                outcome.status());
        charge(key, turn, outcome.status() == Status.ABORTED ? "incomplete" : "message", used);
        return saved;
    }

    /** What the provider reported the calls used, else the request and the answer as counted here. */
    Used used(TurnRecord turn, ContentAggregate answer, ModelCalls.TokenTotals usage) {
        return usage.reported() ? new Used(usage.prompt(), usage.completion())
                : new Used(turn.promptTokens(), tokens.count(answer.text()));
    }

    /** The answer's content: the continued answer's parts, the new ones, then an error part per note. */
    static List<ContentPart> parts(TurnRecord turn, ContentAggregate answer, @Nullable String... errors) {
        List<ContentPart> parts = Responses.merged(turn.earlierParts().stream().map(ContentPart::of).toList(),
                answer.parts());
        for (String error : errors) {
            if (error != null) {
                parts.add(new ContentPart.Error(error));
            }
        }
        return parts;
    }

    /** Saves the answer without settling it. */
    Responses.Saved record(TurnRecord turn, List<ContentPart> parts, Used used, Status status) {
        return responses.save(turn, parts, used.completion(), used.prompt(), status);
    }

    /**
     * Settles the answer's tokens under the job's settlement context: {@code proposed}, unless the job
     * already has one (see {@link Jobs#settleAs}), so that a turn is charged once whoever settles it.
     *
     * @return the context settled under
     */
    String charge(JobKey key, TurnRecord turn, String proposed, Used used) {
        String context = jobs.settleAs(key, proposed);
        balances.settle(turn.holdId(), context, used.prompt(), used.completion(), turn.settledModel());
        return context;
    }

    /** Settles the call that made the conversation's title, priced at {@code model}. */
    void title(Turn turn, long promptTokens, long completionTokens, String model) {
        balances.settle(turn.hold().holdId(), "title", promptTokens, completionTokens, model);
    }

    /** Saves the refusal of a turn for want of balance: the answer is only {@code reason}; nothing was spent. */
    void refusal(TurnRecord turn, String reason) {
        responses.saveText(turn, reason, turn.promptTokens(), Status.ERROR);
    }
}
