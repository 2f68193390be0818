package io.parley.chat.turn;

import io.parley.chat.agent.AgentRuns;
import io.parley.chat.agent.RunTools;
import io.parley.chat.agent.ToolOutput;
import io.parley.chat.provider.Cancellation;
import io.parley.chat.provider.Completion;
import io.parley.chat.provider.ModelProvider;
import io.parley.chat.provider.ModelRequest;
import io.parley.chat.provider.ModelRequest.ChatMessage;
import io.parley.chat.provider.ModelRequest.Role;
import io.parley.chat.provider.ProviderException;
import io.parley.chat.stream.JobInfo.Status;
import io.parley.chat.stream.Steer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Calls the model for a turn's job, streaming into its run steps. While the model asks for tools (an
 * agent run), runs them and calls it again with their results, until it answers without tools or the
 * run's recursion limit is reached. Each model call and each round of tools is one step, as LangGraph
 * counts them in LibreChat. Between a round of tools and the next call (LibreChat's tool-batch boundary)
 * the steers the person sent meanwhile join the run as their messages; a run without tools has no such
 * boundary, and its steers are left over when it ends.
 */
@Component
class ModelCalls {

    private final AgentRuns agents;

    ModelCalls(AgentRuns agents) {
        this.agents = agents;
    }

    /** Token counts over every model call of a turn; {@code reported} once a provider gave any. */
    record TokenTotals(boolean reported, int prompt, int completion) {

        static final TokenTotals NONE = new TokenTotals(false, 0, 0);

        TokenTotals plus(Completion call) {
            return call.usage() == null ? this : new TokenTotals(true, prompt + call.usage().promptTokens(),
                    completion + call.usage().completionTokens());
        }
    }

    /**
     * How the calls ended: COMPLETE, ABORTED when the turn was stopped, ERROR when the provider failed.
     *
     * @param failure the provider's failure the person is shown; only for {@link Status#ERROR}
     * @param stopped the note of a run stopped at its recursion limit, which LibreChat shows as an error
     *                part; only for {@link Status#COMPLETE}
     */
    record Outcome(Status status, TokenTotals usage, @Nullable String failure, @Nullable String stopped) {
    }

    /** The steers waiting for the run's next boundary, taken (and so applied) when asked for. */
    @FunctionalInterface
    interface Steers {
        List<Steer> atBoundary();
    }

    /** Calls the model with {@code asked}, offering the run's tools when the provider calls tools. */
    Outcome call(RunKind kind, ModelRequest asked, ModelProvider provider, RunSteps steps, Cancellation cancel,
                 Steers steers) {
        RunTools tools = kind.tools();
        ModelRequest request = tools.isEmpty() || !provider.callsTools() ? asked : asked.withTools(tools.specs());
        if (request.tools().isEmpty()) {
            steps.begin();
        }
        int limit = kind.recursionLimit();
        int taken = 0;
        TokenTotals usage = TokenTotals.NONE;
        try {
            while (true) {
                steps.newModelCall();
                Completion completion = provider.stream(request, steps, cancel);
                usage = usage.plus(completion);
                taken++;
                if (completion.toolCalls().isEmpty() || request.tools().isEmpty()) {
                    return new Outcome(Status.COMPLETE, usage, null, null);
                }
                if (taken + 1 > limit) {
                    return new Outcome(Status.COMPLETE, usage, null, "An error occurred while processing the request: "
                            + "Recursion limit of " + limit + " reached without hitting a stop condition.");
                }
                request = request.followedBy(toolRound(tools, completion, steps, cancel));
                taken++;
                request = request.followedBy(steered(steers, steps, cancel));
            }
        } catch (ProviderException.Cancelled cancelled) {
            return new Outcome(Status.ABORTED, usage, null, null);
        } catch (ProviderException e) {
            return new Outcome(Status.ERROR, usage, e.getMessage(), null);
        }
    }

    /**
     * The steers sent while the tools ran, each as the person's message after the results, as LibreChat
     * injects them; none once the run was stopped (they are left over with its end).
     */
    private static List<ChatMessage> steered(Steers steers, RunSteps steps, Cancellation cancel) {
        if (cancel.isCancelled()) {
            return List.of();
        }
        List<ChatMessage> messages = new ArrayList<>();
        for (Steer steer : steers.atBoundary()) {
            steps.steer(steer);
            messages.add(new ChatMessage(Role.USER, steer.text()));
        }
        return messages;
    }

    /** Runs the tools the model asked for: its call and their results, for the next call. */
    private List<ChatMessage> toolRound(RunTools tools, Completion completion, RunSteps steps, Cancellation cancel) {
        List<ChatMessage> round = new ArrayList<>();
        round.add(new ChatMessage(Role.ASSISTANT, completion.text(), completion.toolCalls(), null));
        for (ModelRequest.ToolCall call : completion.toolCalls()) {
            ToolOutput output = agents.callTool(tools, call, cancel);
            if (output.signIn() != null) {
                steps.toolNeedsSignIn(call, output.signIn());
            }
            steps.toolDone(call, output.output());
            round.add(ChatMessage.toolResult(call.id(), output.output()));
        }
        return round;
    }
}
