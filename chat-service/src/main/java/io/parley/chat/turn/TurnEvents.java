package io.parley.chat.turn;

import io.parley.chat.stream.Steer;
import io.parley.chat.stream.StreamEvent;
import io.parley.chat.support.Ids;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The events of a chat turn, shaped as LibreChat's agents route sends them (§5.3 of the contract). */
final class TurnEvents {

    /**
     * LibreChat 0.8.8's resumable-generation protocol, named in the start answer, the status, the final
     * event and the steering answers: a client that does not see it in the status takes the server for an
     * older one and keeps reconnecting to a finished stream, and reads a final event's left-over steers
     * only when it is there.
     */
    static final int PROTOCOL_VERSION = 2;

    private TurnEvents() {
    }

    static StreamEvent created(Map<String, Object> userMessage, String streamId) {
        return StreamEvent.message(map("created", true, "message", userMessage, "streamId", streamId));
    }

    static StreamEvent runStep(String stepId, String runId, String responseMessageId, int index, long createdAt) {
        Map<String, Object> details = map("type", "message_creation",
                "message_creation", map("message_id", responseMessageId, "content_type", "text"));
        return StreamEvent.message(map("event", "on_run_step", "data", map("stepIndex", index, "id", stepId,
                "type", "message_creation", "index", index, "stepDetails", details, "usage", null, "status", "in_progress",
                "runId", runId, "created_at", createdAt)));
    }

    /** An agent run's tool call begins: its run step, whose {@code index} is the call's content part. */
    static StreamEvent toolCallStep(String stepId, String runId, int index, String callId, String name, long createdAt) {
        Map<String, Object> details = map("type", "tool_calls",
                "tool_calls", List.of(map("id", callId, "name", name, "args", "", "type", "tool_call")));
        return StreamEvent.message(map("event", "on_run_step", "data", map("stepIndex", index, "id", stepId,
                "type", "tool_calls", "index", index, "stepDetails", details, "usage", null, "status", "in_progress",
                "runId", runId, "created_at", createdAt)));
    }

    /** More of a tool call's arguments as the model writes them. */
    static StreamEvent toolCallDelta(String stepId, String callId, String name, String args) {
        return StreamEvent.message(map("event", "on_run_step_delta", "data", map("id", stepId,
                "delta", map("type", "tool_calls", "tool_calls", List.of(map("index", 0, "id", callId, "name", name,
                        "args", args, "type", "tool_call_chunk"))))));
    }

    /**
     * The tool's server needs the person to sign in (LibreChat's {@code createRunStepDeltaEmitter}): the
     * call again with no arguments, the page to sign in at and when that sign-in expires (ms).
     */
    static StreamEvent toolCallAuth(String stepId, String callId, String name, String authUrl, long expiresAt) {
        return StreamEvent.message(map("event", "on_run_step_delta", "data", map("id", stepId,
                "delta", map("type", "tool_calls", "tool_calls", List.of(map("index", 0, "id", callId, "name", name,
                        "args", "", "type", "tool_call_chunk")), "auth", authUrl, "expires_at", expiresAt))));
    }

    /** The tool ran: its arguments and output, which the client shows in the call's part. */
    static StreamEvent toolCallCompleted(String stepId, int index, String callId, String name, String args, String output) {
        return StreamEvent.message(map("event", "on_run_step_completed", "data", map("result", map("id", stepId,
                "index", index, "type", "tool_call", "tool_call", map("id", callId, "name", name, "args", args,
                        "type", "tool_call", "output", output, "progress", 1)))));
    }

    static StreamEvent textDelta(String stepId, String text) {
        return StreamEvent.delta(stepId, "text", text);
    }

    static StreamEvent reasoningDelta(String stepId, String think) {
        return StreamEvent.delta(stepId, "think", think);
    }

    static StreamEvent title(String conversationId, String title) {
        return StreamEvent.message(map("event", "title", "data", map("conversationId", conversationId, "title", title)));
    }

    static StreamEvent runStepClosed(String stepId, String runId, int index, long createdAt, long closedAt) {
        return StreamEvent.message(map("event", "on_run_step_closed", "data", map("id", stepId, "index", index,
                "type", "message_creation", "status", "completed", "closed_at", closedAt, "created_at", createdAt,
                "runId", runId, "stepIndex", index)));
    }

    /** The final event; steers the run never reached a boundary for ride it for the client to send as new turns. */
    static StreamEvent fin(Map<String, Object> conversation, @Nullable String title, Map<String, Object> requestMessage,
                           Map<String, Object> responseMessage, List<Steer> leftover) {
        return StreamEvent.message(withLeftover(map("final", true, "conversation", conversation, "title", title,
                "requestMessage", requestMessage, "responseMessage", responseMessage), leftover));
    }

    static StreamEvent abortFinal(Map<String, Object> conversation, @Nullable String title, Map<String, Object> requestMessage,
                                  Map<String, Object> responseMessage, boolean early, List<Steer> leftover) {
        return StreamEvent.message(withLeftover(map("final", true, "aborted", true, "earlyAbort", early, "title", title,
                "conversation", conversation, "requestMessage", requestMessage, "responseMessage", responseMessage),
                leftover));
    }

    private static Map<String, Object> withLeftover(Map<String, Object> fin, List<Steer> leftover) {
        if (!leftover.isEmpty()) {
            fin.put("pendingSteers", pendingSteers(leftover));
        }
        fin.put("generationProtocolVersion", PROTOCOL_VERSION);
        return fin;
    }

    /**
     * LibreChat's {@code on_steer_applied}: the person's steer joined the run at content index {@code index};
     * {@code part} is the {@code steer} content part saved there.
     */
    static StreamEvent steerApplied(Steer steer, int index, String responseMessageId, String conversationId) {
        Map<String, Object> data = map("steerId", steer.steerId());
        if (steer.clientSteerId() != null) {
            data.put("clientSteerId", steer.clientSteerId());
        }
        data.put("index", index);
        data.put("part", steerPart(steer));
        data.put("responseMessageId", responseMessageId);
        data.put("conversationId", conversationId);
        return StreamEvent.message(map("event", "on_steer_applied", "data", data));
    }

    /** LibreChat's {@code steer} content part ({@code SteerContentPart}). */
    static Map<String, Object> steerPart(Steer steer) {
        Map<String, Object> part = map("type", "steer", "steer", steer.text(), "steerId", steer.steerId());
        if (steer.clientSteerId() != null) {
            part.put("clientSteerId", steer.clientSteerId());
        }
        part.put("createdAt", steer.createdAt());
        return part;
    }

    /** Steers as LibreChat lists those not (yet) applied ({@code TPendingSteer}). */
    static List<Map<String, Object>> pendingSteers(List<Steer> steers) {
        return steers.stream().map(steer -> {
            Map<String, Object> pending = map("steerId", steer.steerId());
            if (steer.clientSteerId() != null) {
                pending.put("clientSteerId", steer.clientSteerId());
            }
            pending.put("text", steer.text());
            pending.put("createdAt", steer.createdAt());
            return pending;
        }).toList();
    }

    /**
     * LibreChat's denial of a limited message, as the whole stream: the message as if accepted, then an
     * error final whose text is the reason as JSON. Nothing is stored.
     */
    static String denial(TurnRequest body, String reason) {
        String conversationId = body.conversationId() == null || Ids.NEW_CONVO.equals(body.conversationId())
                ? Ids.newId() : body.conversationId();
        String messageId = Ids.isUuid(body.messageId()) ? body.messageId() : Ids.newId();
        Map<String, Object> message = map("sender", "User", "messageId", messageId,
                "parentMessageId", body.parentMessageId(), "conversationId", conversationId, "isCreatedByUser", true,
                "text", body.text());
        Map<String, Object> error = map("sender", "AI", "messageId", Ids.newId(), "conversationId", conversationId,
                "parentMessageId", messageId, "unfinished", false, "error", true, "final", true, "text", reason,
                "isCreatedByUser", false);
        return new String(StreamEvent.message(map("message", message, "created", true)).sse(), StandardCharsets.UTF_8)
                + new String(StreamEvent.error(error).sse(), StandardCharsets.UTF_8);
    }

    static StreamEvent error(@Nullable String message) {
        return StreamEvent.error(map("error", message));
    }

    /** An ordered map that keeps nulls, as LibreChat's JSON does. */
    static Map<String, Object> map(@Nullable Object... pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], pairs[i + 1]);
        }
        return out;
    }
}
