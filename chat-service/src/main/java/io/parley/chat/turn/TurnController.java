package io.parley.chat.turn;

import io.parley.chat.stream.ContentAggregate;
import io.parley.chat.stream.EventFeed;
import io.parley.chat.stream.JobInfo;
import io.parley.chat.stream.JobKey;
import io.parley.chat.stream.Jobs;
import io.parley.chat.stream.LiveJob;
import io.parley.chat.stream.StreamEvent;
import io.parley.chat.support.Ids;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * LibreChat's resumable chat protocol: start a turn, follow (or resume) its stream from any
 * instance, stop it, ask about it.
 */
@RestController
class TurnController {

    /** A client gets at most one write per this interval while tokens stream; the rest wait for it. */
    private static final EventWriter EVENTS = new EventWriter(Duration.ofMillis(10), 256);
    /**
     * LibreChat 0.8.8's resumable-generation protocol, in the start answer and the status: a client that
     * does not see it in the status takes the server for an older one and keeps reconnecting to a
     * finished stream.
     */
    private static final int PROTOCOL_VERSION = 2;
    private static final String STREAM_GONE = "Stream not found: the generation job does not exist or has expired.";

    private final Turns turns;
    private final Jobs jobs;
    private final MessageLimits limits;

    TurnController(Turns turns, Jobs jobs, MessageLimits limits) {
        this.turns = turns;
        this.jobs = jobs;
        this.limits = limits;
    }

    @PostMapping({"/api/agents/chat/{endpoint}", "/api/agents/chat"})
    ResponseEntity<?> start(CurrentUser caller, @PathVariable(required = false) String endpoint,
                            @RequestBody TurnRequest body, HttpServletRequest http) {
        String name = endpoint != null ? endpoint : body.endpoint();
        Optional<String> denied = limits.check(caller, MessageLimits.clientIp(http));
        if (denied.isPresent()) {
            return deny(body, denied.get());
        }
        Turns.Started started = turns.start(caller, name, body);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("streamId", started.streamId());
        out.put("conversationId", started.conversationId());
        out.put("generationCreatedAt", started.createdAt().toEpochMilli());
        out.put("status", "started");
        out.put("generationProtocolVersion", PROTOCOL_VERSION);
        return ResponseEntity.ok(out);
    }

    @GetMapping("/api/agents/chat/stream/{streamId}")
    ResponseEntity<StreamingResponseBody> stream(CurrentUser caller, @PathVariable String streamId,
                                                 @RequestParam(defaultValue = "false") boolean resume,
                                                 HttpServletResponse response) {
        return follow(caller, streamId, resume, response);
    }

    /** The seed's name for the same stream: the stream id is the conversation id. */
    @GetMapping("/api/messages/stream/{conversationId}")
    ResponseEntity<StreamingResponseBody> messagesStream(CurrentUser caller, @PathVariable String conversationId,
                                                         @RequestParam(defaultValue = "false") boolean resume,
                                                         HttpServletResponse response) {
        return follow(caller, conversationId, resume, response);
    }

    record AbortRequest(String streamId, String conversationId, String abortKey) {
    }

    @PostMapping("/api/agents/chat/abort")
    Map<String, Object> abort(CurrentUser caller, @RequestBody(required = false) AbortRequest body) {
        String id = body == null ? null : firstUsable(body.streamId(), body.conversationId(),
                body.abortKey() == null ? null : body.abortKey().split(":", 2)[0]);
        if (id == null) {
            List<String> running = jobs.running(caller.tenantId(), caller.id());
            if (running.isEmpty()) {
                throw new ApiException.NotFound("Job not found");
            }
            id = running.getLast();
        }
        JobKey key = key(caller, id);
        if (!jobs.abort(key)) {
            throw new ApiException.NotFound("Job not found");
        }
        return Map.of("success", true, "aborted", key.streamId());
    }

    @GetMapping("/api/agents/chat/status/{conversationId}")
    Map<String, Object> status(CurrentUser caller, @PathVariable String conversationId) {
        JobKey key = key(caller, conversationId);
        Optional<JobInfo> info = jobs.find(key);
        if (info.isEmpty()) {
            return Map.of("active", false, "generationProtocolVersion", PROTOCOL_VERSION);
        }
        JobInfo job = info.get();
        List<Map<String, Object>> content = jobs.here(key).map(LiveJob::contentSoFar).orElseGet(() -> replayedContent(key));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("active", job.status() == JobInfo.Status.RUNNING);
        out.put("generationProtocolVersion", PROTOCOL_VERSION);
        out.put("streamId", job.streamId());
        out.put("status", job.status().wire());
        out.put("aggregatedContent", content);
        out.put("createdAt", job.createdAt().toEpochMilli());
        out.put("resumeState", resumeState(job, content));
        return out;
    }

    @GetMapping("/api/agents/chat/active")
    Map<String, Object> active(CurrentUser caller) {
        return Map.of("activeJobIds", jobs.running(caller.tenantId(), caller.id()));
    }

    @ExceptionHandler(Turns.AtLimit.class)
    ResponseEntity<Map<String, Object>> atLimit(Turns.AtLimit e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "concurrent");
        body.put("message", e.getMessage());
        body.put("type", "concurrent");
        body.put("limit", e.limit);
        body.put("pendingRequests", e.running);
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).body(body);
    }

    private ResponseEntity<StreamingResponseBody> follow(CurrentUser caller, String streamId, boolean resume,
                                                         HttpServletResponse response) {
        JobKey key = key(caller, streamId);
        EventFeed feed = jobs.feed(key).orElseThrow(() -> new ApiException.NotFound(STREAM_GONE));
        JobInfo info = jobs.find(key).orElse(null);
        StreamingResponseBody body = out -> {
            try (feed) {
                if (resume && info != null) {
                    resync(feed, info, out);
                }
                // The stream Spring hands over does not pass flush() on to the connection; the response does.
                response.flushBuffer();
                EVENTS.pump(feed, out, response::flushBuffer);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        return ResponseEntity.ok()
                .contentType(MediaType.TEXT_EVENT_STREAM)
                .header("Cache-Control", "no-cache, no-transform")
                .header("X-Accel-Buffering", "no")
                .header("Content-Encoding", "identity")
                .body(body);
    }

    /**
     * A reconnecting client first gets LibreChat's {@code sync} event: the answer so far, folded from
     * the events it missed; then the stream goes on live.
     */
    private static void resync(EventFeed feed, JobInfo info, OutputStream out) throws InterruptedException, IOException {
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
        Map<String, Object> state = resumeState(info, content.parts());
        state.put("runSteps", runSteps);
        state.put("titleEvent", titleEvent);
        write(out, StreamEvent.message(TurnEvents.map("sync", true, "resumeState", state, "pendingEvents", List.of())));
        for (StreamEvent event : terminal) {
            write(out, event);
        }
    }

    private static Map<String, Object> resumeState(JobInfo info, List<Map<String, Object>> content) {
        return TurnEvents.map("runSteps", List.of(), "aggregatedContent", content, "userMessage", info.userMessage(),
                "responseMessageId", info.responseMessageId(), "conversationId", info.conversationId(),
                "sender", info.sender(), "model", info.model(), "endpoint", info.endpoint());
    }

    private List<Map<String, Object>> replayedContent(JobKey key) {
        ContentAggregate content = new ContentAggregate();
        jobs.feed(key).ifPresent(feed -> {
            try (feed) {
                feed.ready().forEach(content::add);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return content.parts();
    }

    private static void write(OutputStream out, StreamEvent event) throws IOException {
        out.write(event.sse());
    }

    /**
     * LibreChat's denial of a limited message: the message as if accepted, then an error final
     * whose text is the reason as JSON. Nothing is stored.
     */
    private static ResponseEntity<String> deny(TurnRequest body, String reason) {
        String conversationId = body.conversationId() == null || Ids.NEW_CONVO.equals(body.conversationId())
                ? Ids.newId() : body.conversationId();
        String messageId = Ids.isUuid(body.messageId()) ? body.messageId() : Ids.newId();
        Map<String, Object> message = TurnEvents.map("sender", "User", "messageId", messageId,
                "parentMessageId", body.parentMessageId(), "conversationId", conversationId, "isCreatedByUser", true,
                "text", body.text());
        Map<String, Object> error = TurnEvents.map("sender", "AI", "messageId", Ids.newId(), "conversationId", conversationId,
                "parentMessageId", messageId, "unfinished", false, "error", true, "final", true, "text", reason,
                "isCreatedByUser", false);
        String events = new String(StreamEvent.message(TurnEvents.map("message", message, "created", true)).sse(),
                StandardCharsets.UTF_8) + new String(StreamEvent.error(error).sse(), StandardCharsets.UTF_8);
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).contentType(MediaType.TEXT_EVENT_STREAM).body(events);
    }

    private static JobKey key(CurrentUser caller, String streamId) {
        if (!Ids.isUuid(streamId)) {
            throw new ApiException.NotFound(STREAM_GONE);
        }
        return new JobKey(caller.tenantId(), caller.id(), streamId.toLowerCase(java.util.Locale.ROOT));
    }

    private static String firstUsable(String... ids) {
        for (String id : ids) {
            if (id != null && !id.isBlank() && !Ids.NEW_CONVO.equals(id)) {
                return id;
            }
        }
        return null;
    }
}
