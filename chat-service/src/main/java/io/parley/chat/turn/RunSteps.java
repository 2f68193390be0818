package io.parley.chat.turn;

import io.parley.chat.provider.ModelRequest.ToolCall;
import io.parley.chat.provider.TokenSink;
import io.parley.chat.stream.ContentAggregate;
import io.parley.chat.stream.LiveJob;
import io.parley.chat.stream.Steer;
import io.parley.chat.stream.StreamEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The run steps of one answer as LibreChat streams them: a {@code message_creation} step for text
 * (and reasoning), a {@code tool_calls} step per tool call. A step's {@code index} is the place of
 * its content part, so the client lays the live answer out as it will be saved; a steer applied at a
 * boundary takes the next part. Every event also folds into {@link #answer()}, the content that is saved.
 * Used by the job's thread only.
 */
final class RunSteps implements TokenSink {

    private record ToolStep(String stepId, int index) {
    }

    private final LiveJob job;
    private final String responseMessageId;
    private final ContentAggregate answer = new ContentAggregate();
    private int nextIndex;
    private @Nullable String messageStep;
    /** The part type ({@code text} or {@code think}) the open message step holds. */
    private @Nullable String messageType;
    private int messageIndex;
    private long messageStartedAt;
    private final Map<String, ToolStep> toolSteps = new HashMap<>();

    RunSteps(LiveJob job, String responseMessageId) {
        this.job = job;
        this.responseMessageId = responseMessageId;
    }

    ContentAggregate answer() {
        return answer;
    }

    /** A new model call of the run: the ids of its tool calls are its own. */
    void newModelCall() {
        toolSteps.clear();
    }

    /**
     * Opens the first message step before the model answers, so the client shows the answer coming at
     * once; its first chunk, text or reasoning, decides its part. Only for answers without tools: a tool
     * call first would leave it empty.
     */
    void begin() {
        if (messageStep == null) {
            open(null);
        }
    }

    /**
     * Opens a message step for a part of {@code type} unless one for it is open: text goes on in it
     * until reasoning or a tool call comes between, so each step is exactly one content part.
     */
    private void openMessageStep(String type) {
        if (messageStep != null && messageType == null) {
            messageType = type;
            return;
        }
        if (messageStep == null || !type.equals(messageType)) {
            open(type);
        }
    }

    private void open(@Nullable String type) {
        messageType = type;
        messageStep = newStepId();
        messageIndex = nextIndex++;
        messageStartedAt = System.currentTimeMillis();
        emit(TurnEvents.runStep(messageStep, responseMessageId, responseMessageId, messageIndex, messageStartedAt));
    }

    @Override
    public void text(String chunk) {
        openMessageStep("text");
        emit(TurnEvents.textDelta(messageStep, chunk));
    }

    @Override
    public void reasoning(String chunk) {
        openMessageStep("think");
        emit(TurnEvents.reasoningDelta(messageStep, chunk));
    }

    @Override
    public void toolCall(int index, String id, String name, String argumentsChunk) {
        ToolStep step = toolSteps.get(id);
        if (step == null) {
            step = new ToolStep(newStepId(), nextIndex++);
            toolSteps.put(id, step);
            // text after a tool call is a new part, after the call's
            messageStep = null;
            emit(TurnEvents.toolCallStep(step.stepId(), responseMessageId, step.index(), id, name,
                    System.currentTimeMillis()));
        }
        if (!argumentsChunk.isEmpty()) {
            emit(TurnEvents.toolCallDelta(step.stepId(), id, name, argumentsChunk));
        }
    }

    /**
     * The tool's server wants the person to sign in first: LibreChat's delta with {@code auth} and
     * {@code expires_at}, which its client shows as a sign-in button on the call.
     */
    void toolNeedsSignIn(ToolCall call, io.parley.chat.agent.ToolOutput.SignIn signIn) {
        ToolStep step = toolSteps.get(call.id());
        if (step != null) {
            emit(TurnEvents.toolCallAuth(step.stepId(), call.id(), call.name(), signIn.authUrl(), signIn.expiresAt()));
        }
    }

    /** The tool ran; its output completes the call's step. */
    void toolDone(ToolCall call, String output) {
        ToolStep step = toolSteps.get(call.id());
        if (step != null) {
            emit(TurnEvents.toolCallCompleted(step.stepId(), step.index(), call.id(), call.name(), call.argumentsJson(),
                    output));
        }
    }

    /** The person's steer joined the run here: its part comes next, and the answer goes on in a new part after it. */
    void steer(Steer steer) {
        messageStep = null;
        emit(TurnEvents.steerApplied(steer, nextIndex++, responseMessageId, job.info().conversationId()));
    }

    /** Closes the open message step, as LibreChat does when the answer is complete. */
    void close() {
        if (messageStep != null) {
            emit(TurnEvents.runStepClosed(messageStep, responseMessageId, messageIndex, messageStartedAt,
                    System.currentTimeMillis()));
        }
    }

    private void emit(StreamEvent event) {
        answer.add(event);
        job.emit(event);
    }

    private static String newStepId() {
        return "step_" + UUID.randomUUID().toString().replace("-", "").substring(0, 22);
    }
}
