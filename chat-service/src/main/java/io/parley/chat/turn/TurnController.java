package io.parley.chat.turn;

import io.parley.chat.message.ContentPart;
import io.parley.chat.endpoint.Endpoint;
import io.parley.chat.stream.ContentAggregate;
import io.parley.chat.stream.EventFeed;
import io.parley.chat.stream.JobInfo;
import io.parley.chat.stream.JobKey;
import io.parley.chat.stream.Jobs;
import io.parley.chat.stream.LiveJob;
import io.parley.chat.support.Ids;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
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
    private static final int PROTOCOL_VERSION = TurnEvents.PROTOCOL_VERSION;
    private static final String STREAM_GONE = "Stream not found: the generation job does not exist or has expired.";

    private final Turns turns;
    private final Jobs jobs;
    private final MessageLimits limits;
    private final Steering steering;

    TurnController(Turns turns, Jobs jobs, MessageLimits limits, Steering steering) {
        this.turns = turns;
        this.jobs = jobs;
        this.limits = limits;
        this.steering = steering;
    }

    @PostMapping({"/api/agents/chat/{endpoint}", "/api/agents/chat"})
    ResponseEntity<?> start(CurrentUser caller, @PathVariable(required = false) @Nullable String endpoint,
                            @RequestBody TurnRequest body, HttpServletRequest http) {
        String name = endpoint != null ? endpoint : body.endpoint();
        if (endpoint != null && Endpoint.CHAT_ROUTE_NAMES.contains(endpoint)) {
            // a route of its own (steer, abort, …) asked with a method it does not take: never an endpoint
            throw new ApiException.NotFound("No such route: POST /api/agents/chat/" + endpoint);
        }
        Optional<String> denied = limits.check(caller, MessageLimits.clientIp(http));
        if (denied.isPresent()) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).contentType(MediaType.TEXT_EVENT_STREAM)
                    .body(TurnEvents.denial(body, denied.get()));
        }
        Turns.Accepted started = turns.start(caller, name, body);
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

    record AbortRequest(@Nullable String streamId, @Nullable String conversationId, @Nullable String abortKey) {
    }

    @PostMapping("/api/agents/chat/abort")
    Map<String, Object> abort(CurrentUser caller, @RequestBody(required = false) @Nullable AbortRequest body) {
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
        Optional<JobInfo> job = jobs.find(key);
        if (job.isEmpty() || !jobs.abort(key)) {
            throw new ApiException.NotFound("Job not found");
        }
        // LibreChat's abort answer carries the steers the stopped run never took, for the client to send again.
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("success", true);
        out.put("aborted", key.streamId());
        out.put("pendingSteers", steering.leaveOver(key, job.get()));
        return out;
    }

    @GetMapping("/api/agents/chat/status/{conversationId}")
    Map<String, Object> status(CurrentUser caller, @PathVariable String conversationId) {
        JobKey key = key(caller, conversationId);
        Optional<JobInfo> info = jobs.find(key);
        if (info.isEmpty()) {
            return Map.of("active", false, "generationProtocolVersion", PROTOCOL_VERSION);
        }
        JobInfo job = info.get();
        boolean active = job.status() == JobInfo.Status.RUNNING;
        List<ContentPart> content = jobs.here(key).map(LiveJob::contentSoFar).orElseGet(() -> replayedContent(key));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("active", active);
        out.put("generationProtocolVersion", PROTOCOL_VERSION);
        out.put("streamId", job.streamId());
        out.put("status", job.status().wire());
        out.put("aggregatedContent", content);
        out.put("createdAt", job.createdAt().toEpochMilli());
        out.put("resumeState", Resync.resumeState(job, content, active ? steering.waiting(key) : List.of()));
        if (!active) {
            // left-over steers of a turn whose final event the client may have missed (a takeover sends none)
            List<Map<String, Object>> unrecovered = steering.unrecovered(key);
            if (!unrecovered.isEmpty()) {
                out.put("unrecoveredSteers", unrecovered);
            }
        }
        return out;
    }

    @GetMapping("/api/agents/chat/active")
    Map<String, Object> active(CurrentUser caller) {
        return Map.of("activeJobIds", jobs.running(caller.tenantId(), caller.id()));
    }

    @ExceptionHandler(TurnJobs.AtLimit.class)
    ResponseEntity<Map<String, Object>> atLimit(TurnJobs.AtLimit e) {
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
        List<Map<String, Object>> waiting = resume && info != null ? steering.waiting(key) : List.of();
        StreamingResponseBody body = out -> {
            try (feed) {
                if (resume && info != null) {
                    Resync.send(feed, info, out, waiting);
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

    private List<ContentPart> replayedContent(JobKey key) {
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

    private static JobKey key(CurrentUser caller, String streamId) {
        if (!Ids.isUuid(streamId)) {
            throw new ApiException.NotFound(STREAM_GONE);
        }
        return new JobKey(caller.tenantId(), caller.id(), streamId.toLowerCase(java.util.Locale.ROOT));
    }

    private static @Nullable String firstUsable(@Nullable String... ids) {
        for (String id : ids) {
            if (id != null && !id.isBlank() && !Ids.NEW_CONVO.equals(id)) {
                return id;
            }
        }
        return null;
    }
}
