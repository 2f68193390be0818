package io.parley.chat.stream;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A message a person sends into a running turn (LibreChat's steering): queued with the turn's job until
 * the run reaches its next boundary, where it joins the run as the person's message; one that never
 * reaches a boundary is left over when the turn ends, for the client to send as a new turn.
 *
 * @param clientSteerId the client's own id for it, which makes sending it again harmless; may be null
 * @param createdAt     when it was accepted, epoch milliseconds
 * @param generation    the job it was sent to: that job's start, epoch milliseconds (LibreChat's
 *                      {@code generationCreatedAt})
 */
public record Steer(String steerId, @Nullable String clientSteerId, String text, long createdAt, long generation,
                    State state) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public enum State {
        /** Waiting for the run's next boundary. */
        QUEUED,
        /** Joined the run at a boundary; its part is in the answer. */
        APPLIED,
        /** The turn ended before a boundary: the client sends it as a new turn. */
        LEFTOVER,
        /** Taken back by the person before it was applied. */
        CANCELLED,
        /** A left-over steer the client sent as a new turn. */
        CONSUMED;

        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static State fromWire(String value) {
            return valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }

    Steer in(State next) {
        return new Steer(steerId, clientSteerId, text, createdAt, generation, next);
    }

    /** The steer without its state, as kept in Redis (the state is kept beside it, so scripts can change it). */
    String json() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("steerId", steerId);
        fields.put("clientSteerId", clientSteerId);
        fields.put("text", text);
        fields.put("createdAt", createdAt);
        fields.put("generation", generation);
        return JSON.writeValueAsString(fields);
    }

    static Steer fromJson(String json, State state) {
        Map<?, ?> fields = JSON.readValue(json, Map.class);
        return new Steer((String) fields.get("steerId"), (String) fields.get("clientSteerId"), (String) fields.get("text"),
                ((Number) fields.get("createdAt")).longValue(), ((Number) fields.get("generation")).longValue(), state);
    }
}
