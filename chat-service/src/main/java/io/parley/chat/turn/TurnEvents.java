package io.parley.chat.turn;

import io.parley.chat.stream.StreamEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The events of a chat turn, shaped as LibreChat's agents route sends them (§5.3 of the contract). */
final class TurnEvents {

    private TurnEvents() {
    }

    static StreamEvent created(Map<String, Object> userMessage, String streamId) {
        return StreamEvent.message(map("created", true, "message", userMessage, "streamId", streamId));
    }

    static StreamEvent runStep(String stepId, String runId, String responseMessageId, long createdAt) {
        Map<String, Object> details = map("type", "message_creation",
                "message_creation", map("message_id", responseMessageId, "content_type", "text"));
        return StreamEvent.message(map("event", "on_run_step", "data", map("stepIndex", 0, "id", stepId,
                "type", "message_creation", "index", 0, "stepDetails", details, "usage", null, "status", "in_progress",
                "runId", runId, "created_at", createdAt)));
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

    static StreamEvent runStepClosed(String stepId, String runId, long createdAt, long closedAt) {
        return StreamEvent.message(map("event", "on_run_step_closed", "data", map("id", stepId, "index", 0,
                "type", "message_creation", "status", "completed", "closed_at", closedAt, "created_at", createdAt,
                "runId", runId, "stepIndex", 0)));
    }

    static StreamEvent fin(Map<String, Object> conversation, String title, Map<String, Object> requestMessage,
                           Map<String, Object> responseMessage) {
        return StreamEvent.message(map("final", true, "conversation", conversation, "title", title,
                "requestMessage", requestMessage, "responseMessage", responseMessage));
    }

    static StreamEvent abortFinal(Map<String, Object> conversation, String title, Map<String, Object> requestMessage,
                                  Map<String, Object> responseMessage, boolean early) {
        return StreamEvent.message(map("final", true, "aborted", true, "earlyAbort", early, "title", title,
                "conversation", conversation, "requestMessage", requestMessage, "responseMessage", responseMessage));
    }

    static StreamEvent error(String message) {
        return StreamEvent.error(map("error", message));
    }

    /** An ordered map that keeps nulls, as LibreChat's JSON does. */
    static Map<String, Object> map(Object... pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], pairs[i + 1]);
        }
        return out;
    }
}
