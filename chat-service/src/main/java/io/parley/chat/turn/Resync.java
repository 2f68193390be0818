package io.parley.chat.turn;

import io.parley.chat.message.ContentPart;
import io.parley.chat.stream.ContentAggregate;
import io.parley.chat.stream.EventFeed;
import io.parley.chat.stream.JobInfo;
import io.parley.chat.stream.StreamEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a client that reconnects to a turn's stream (or asks for its status) learns of what it missed:
 * LibreChat's {@code resumeState}, the answer so far folded from the events.
 */
final class Resync {

    private Resync() {
    }

    /**
     * A reconnecting client first gets LibreChat's {@code sync} event: the answer so far, folded from
     * the events it missed, then the terminal events among them; then the stream goes on live.
     */
    static void send(EventFeed feed, JobInfo info, OutputStream out, List<Map<String, Object>> waitingSteers)
            throws InterruptedException, IOException {
        ContentAggregate content = new ContentAggregate();
        List<StreamEvent> terminal = new ArrayList<>();
        List<Object> runSteps = new ArrayList<>();
        Object titleEvent = null;
        for (StreamEvent event : feed.ready()) {
            content.add(event);
            // Deltas, nearly all of the events, carry nothing else the sync event needs.
            Object name = event.delta() != null ? null : event.data().get("event");
            if ("on_run_step".equals(name)) {
                runSteps.add(event.data().get("data"));
            } else if ("title".equals(name)) {
                titleEvent = event.data();
            }
            if (event.terminal()) {
                terminal.add(event);
            }
        }
        Map<String, Object> state = resumeState(info, content.parts(), waitingSteers);
        state.put("runSteps", runSteps);
        state.put("titleEvent", titleEvent);
        out.write(StreamEvent.message(TurnEvents.map("sync", true, "resumeState", state, "pendingEvents", List.of()))
                .sse());
        for (StreamEvent event : terminal) {
            out.write(event.sse());
        }
    }

    /**
     * LibreChat's {@code resumeState} of a job whose answer so far is {@code content}: steers already applied
     * are parts of it; {@code waitingSteers} are those still queued, which the client shows as pending.
     */
    static Map<String, Object> resumeState(JobInfo info, List<ContentPart> content,
                                           List<Map<String, Object>> waitingSteers) {
        return TurnEvents.map("runSteps", List.of(), "aggregatedContent", content, "userMessage", info.userMessage(),
                "responseMessageId", info.responseMessageId(), "conversationId", info.conversationId(),
                "sender", info.sender(), "model", info.model(), "endpoint", info.endpoint(),
                "pendingSteers", waitingSteers);
    }
}
