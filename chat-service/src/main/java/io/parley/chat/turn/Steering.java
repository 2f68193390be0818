package io.parley.chat.turn;

import io.parley.chat.stream.JobInfo;
import io.parley.chat.stream.JobKey;
import io.parley.chat.stream.Jobs;
import io.parley.chat.stream.Steer;
import io.parley.chat.stream.SteerEnqueued;
import io.parley.chat.support.Ids;
import io.parley.common.security.CurrentUser;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * LibreChat's steering: a message the person sends while their turn runs is queued with the turn's job
 * ({@link Jobs#steer}) and joins the run at its next tool-batch boundary ({@link ModelCalls}); one that
 * never reaches a boundary rides the final event back, for the client to send as a new turn. The answers
 * carry LibreChat's codes, by which its client degrades: {@code NO_ACTIVE_RUN} (send it as a message),
 * {@code RUN_REPLACED}, {@code STEER_QUEUE_FULL}, and the validation codes. A person reaches only their own
 * jobs: another person's conversation has no running job for them ({@code NO_ACTIVE_RUN}, 404).
 */
@Component
class Steering {

    /** LibreChat's {@code STEER_QUEUE_MAX_DEPTH}: steers waiting at once per turn. */
    static final int MAX_WAITING = 10;
    /** LibreChat's default {@code STEER_MAX_LENGTH}, in characters. */
    static final int MAX_LENGTH = 16_000;
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private final Jobs jobs;

    Steering(Jobs jobs) {
        this.jobs = jobs;
    }

    /** A steering request refused, with LibreChat's status and code and a sentence for people. */
    static final class Refused extends RuntimeException {
        final int status;
        final String code;
        final Map<String, Object> extra;

        Refused(int status, String code, String message) {
            this(status, code, message, Map.of());
        }

        Refused(int status, String code, String message, Map<String, Object> extra) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
            this.extra = extra;
        }
    }

    record SteerRequest(@Nullable String conversationId, @Nullable String text, @Nullable String clientSteerId,
                        @Nullable Long generationCreatedAt, @Nullable Boolean preempt, @Nullable List<Object> files) {
    }

    record CancelRequest(@Nullable String conversationId, @Nullable String steerId, @Nullable String clientSteerId,
                         @Nullable Long generationCreatedAt) {
    }

    record ArmRequest(@Nullable String conversationId, @Nullable String steerId, @Nullable Long generationCreatedAt) {
    }

    /**
     * Queues the steer (202), or answers one sent before with the same {@code clientSteerId} as it stands
     * ({@code replayed}, {@code settled} once applied or left over, {@code leftover} when the client should
     * send it as a new turn). {@code preempt} (stop the answer at once) is not offered: the steer waits for
     * the next boundary and the answer says {@code preempt:false}, as LibreChat's does where it cannot.
     *
     * @throws Refused with LibreChat's status and code
     */
    Map<String, Object> steer(CurrentUser caller, SteerRequest body) {
        JobKey key = key(caller, body.conversationId());
        String text = body.text() == null ? null : body.text().replace("\0", "").trim();
        String clientSteerId = body.clientSteerId();
        // A steer whose answer got lost is answered as it stands, even after its turn ended.
        if (clientSteerId != null && CLIENT_ID.matcher(clientSteerId).matches()) {
            List<Steer> known = jobs.steers(key);
            Optional<Steer> sent = known.stream().filter(s -> clientSteerId.equals(s.clientSteerId())).findFirst();
            if (sent.isPresent()) {
                int position = known.stream().filter(s -> s.state() == Steer.State.QUEUED).toList().indexOf(sent.get()) + 1;
                return replayed(key, sent.get(), position, text, body.generationCreatedAt());
            }
        }
        JobInfo job = jobs.find(key).filter(j -> j.status() == JobInfo.Status.RUNNING).orElseThrow(Steering::noRun);
        long generation = job.createdAt().toEpochMilli();
        if (body.generationCreatedAt() != null && body.generationCreatedAt() != generation) {
            throw replaced();
        }
        if (text == null || text.isEmpty()) {
            throw new Refused(400, "EMPTY_TEXT", "text: must not be empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new Refused(413, "STEER_TOO_LONG", "text: must be at most " + MAX_LENGTH + " characters",
                    Map.of("maxLength", MAX_LENGTH));
        }
        if (clientSteerId != null && !CLIENT_ID.matcher(clientSteerId).matches()) {
            throw new Refused(400, "INVALID_CLIENT_STEER_ID", "clientSteerId: must be 1 to 128 letters, digits, - or _");
        }
        if (body.files() != null && !body.files().isEmpty()) {
            throw new Refused(400, "STEER_FILES_UNSUPPORTED",
                    "files: files cannot be steered into a running response; send them with a new message");
        }
        Steer steer = new Steer(Ids.newId(), clientSteerId, text, System.currentTimeMillis(), generation,
                Steer.State.QUEUED);
        SteerEnqueued result = jobs.steer(key, steer, MAX_WAITING);
        return switch (result.outcome()) {
            case QUEUED -> queued(key, result.steer(), result.position());
            case REPLAYED -> replayed(key, result.steer(), result.position(), text, body.generationCreatedAt());
            case FULL -> throw new Refused(429, "STEER_QUEUE_FULL", MAX_WAITING
                    + " steering messages are waiting already; send this one once the response takes them");
            case NOT_RUNNING -> throw noRun();
        };
    }

    /**
     * Takes back a steer that waits (or one left over, which the client then stops offering):
     * {@code removed:false} is no error, it lost the race to its boundary (or to the turn's end).
     */
    Map<String, Object> cancel(CurrentUser caller, CancelRequest body) {
        JobKey key = key(caller, body.conversationId());
        String steerId = body.steerId();
        if (steerId == null || steerId.isBlank() || steerId.length() > 128) {
            throw new Refused(400, "INVALID_STEER_ID", "steerId: must name a steering message");
        }
        if (body.clientSteerId() != null && (body.clientSteerId().isEmpty() || body.clientSteerId().length() > 128)) {
            throw new Refused(400, "INVALID_CLIENT_STEER_ID", "clientSteerId: must be 1 to 128 characters");
        }
        Optional<Steer> steer = jobs.steers(key).stream().filter(s -> s.steerId().equals(steerId)).findFirst();
        if (steer.isPresent() && body.generationCreatedAt() != null
                && steer.get().generation() != body.generationCreatedAt()) {
            throw replaced();
        }
        boolean removed = steer.isPresent() && jobs.cancelSteer(key, steerId);
        return TurnEvents.map("removed", removed, "generationProtocolVersion", TurnEvents.PROTOCOL_VERSION);
    }

    /**
     * Asks to stop the answer at once for a waiting steer. Parley's runs take steers at tool-batch
     * boundaries only, so nothing is armed: LibreChat's client then says the steer waits for the next one.
     */
    Map<String, Object> arm(CurrentUser caller, ArmRequest body) {
        key(caller, body.conversationId());
        if (body.steerId() == null || body.steerId().isBlank()) {
            throw new Refused(400, "INVALID_STEER_ID", "steerId: must name a steering message");
        }
        return TurnEvents.map("armed", false, "code", "PREEMPT_UNSUPPORTED",
                "generationProtocolVersion", TurnEvents.PROTOCOL_VERSION);
    }

    /** The steers waiting for the running job (LibreChat's {@code resumeState.pendingSteers}). */
    List<Map<String, Object>> waiting(JobKey key) {
        return TurnEvents.pendingSteers(jobs.steers(key).stream().filter(s -> s.state() == Steer.State.QUEUED).toList());
    }

    /** Left-over steers not yet sent again, for a client that missed the final event ({@code unrecoveredSteers}). */
    List<Map<String, Object>> unrecovered(JobKey key) {
        return TurnEvents.pendingSteers(jobs.steers(key).stream().filter(s -> s.state() == Steer.State.LEFTOVER).toList());
    }

    /** The stopped job takes no more steers: those waiting are left over, and the abort answer carries them. */
    List<Map<String, Object>> leaveOver(JobKey key, JobInfo job) {
        return TurnEvents.pendingSteers(jobs.closeSteers(key, job.createdAt().toEpochMilli()));
    }

    /** A new turn that sends a left-over steer again ({@code recoverySteerId}): it is no longer offered. */
    void sentAgain(CurrentUser caller, String conversationId, @Nullable String steerId) {
        if (steerId != null && !steerId.isBlank() && steerId.length() <= 128) {
            jobs.consumeSteer(new JobKey(caller.tenantId(), caller.id(), conversationId), steerId);
        }
    }

    private Map<String, Object> queued(JobKey key, Steer steer, int position) {
        return TurnEvents.map("status", "queued", "steerId", steer.steerId(), "position", position,
                "conversationId", key.streamId(), "preempt", false,
                "generationProtocolVersion", TurnEvents.PROTOCOL_VERSION);
    }

    /** The same client id again: the same words are answered as they stand, other words are a conflict. */
    private Map<String, Object> replayed(JobKey key, Steer sent, int position, @Nullable String text,
                                         @Nullable Long expectedGeneration) {
        if (expectedGeneration != null && expectedGeneration != sent.generation()) {
            throw replaced();
        }
        if (text != null && !text.equals(sent.text())) {
            throw new Refused(409, "STEER_IDEMPOTENCY_CONFLICT",
                    "clientSteerId: was already used for another steering message");
        }
        Map<String, Object> answer = queued(key, sent, position);
        answer.put("settled", sent.state() != Steer.State.QUEUED);
        answer.put("leftover", sent.state() == Steer.State.LEFTOVER);
        answer.put("replayed", true);
        return answer;
    }

    /**
     * The caller's job of the conversation. Stream ids are conversation ids (UUIDs); any other id names no
     * job of anyone.
     */
    private static JobKey key(CurrentUser caller, @Nullable String conversationId) {
        if (conversationId == null || conversationId.isBlank() || Ids.NEW_CONVO.equals(conversationId)) {
            throw new Refused(400, "INVALID_CONVERSATION", "conversationId: must name a conversation");
        }
        if (!Ids.isUuid(conversationId)) {
            throw noRun();
        }
        return new JobKey(caller.tenantId(), caller.id(), conversationId.toLowerCase(Locale.ROOT));
    }

    private static Refused noRun() {
        return new Refused(404, "NO_ACTIVE_RUN", "No response is being generated in this conversation");
    }

    private static Refused replaced() {
        return new Refused(409, "RUN_REPLACED", "Another response is being generated in this conversation now");
    }
}
