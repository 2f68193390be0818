package io.parley.chat.stream;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * One server-sent event of a chat turn, as LibreChat sends it: {@code event: message} (or
 * {@code event: error}) and a JSON {@code data} line. The final event and an error end the stream.
 *
 * <p>Token deltas are by far the most frequent events, so they are written as JSON once, by hand,
 * and carry their text for the job's own use; other events are maps serialized on first use.
 */
public final class StreamEvent {

    public static final String MESSAGE = "message";
    public static final String ERROR = "error";
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** A token of the answer ({@code text}) or of the model's reasoning ({@code think}). */
    public record Delta(String type, String chunk) {
    }

    private final String type;
    private final boolean terminal;
    private final Delta delta;
    private Map<String, Object> data;
    private String json;
    private byte[] wire;

    private StreamEvent(String type, Map<String, Object> data, String json, Delta delta) {
        this.type = type;
        this.data = data;
        this.json = json;
        this.delta = delta;
        this.terminal = ERROR.equals(type) || (data != null && Boolean.TRUE.equals(data.get("final")));
    }

    public static StreamEvent message(Map<String, Object> data) {
        return new StreamEvent(MESSAGE, data, null, null);
    }

    public static StreamEvent error(Map<String, Object> data) {
        return new StreamEvent(ERROR, data, null, null);
    }

    /** LibreChat's {@code on_message_delta} ({@code text}) or {@code on_reasoning_delta} ({@code think}). */
    public static StreamEvent delta(String stepId, String partType, String chunk) {
        String event = "think".equals(partType) ? "on_reasoning_delta" : "on_message_delta";
        String json = "{\"event\":\"" + event + "\",\"data\":{\"id\":" + toJson(stepId) + ",\"delta\":{\"content\":[{\"type\":\""
                + partType + "\",\"" + partType + "\":" + toJson(chunk) + "}]}}}";
        return new StreamEvent(MESSAGE, null, json, new Delta(partType, chunk));
    }

    static StreamEvent parse(String type, String json) {
        @SuppressWarnings("unchecked")
        Map<String, Object> data = JSON.readValue(json, Map.class);
        return new StreamEvent(type, data, json, null);
    }

    public String type() {
        return type;
    }

    /** True for the last event of a stream. */
    public boolean terminal() {
        return terminal;
    }

    /** The token this event carries, when it is a delta made here; null otherwise. */
    public Delta delta() {
        return delta;
    }

    /** The event's JSON as a map (parsed on first use for deltas). */
    @SuppressWarnings("unchecked")
    public synchronized Map<String, Object> data() {
        if (data == null) {
            data = JSON.readValue(json, Map.class);
        }
        return data;
    }

    public static String toJson(Object value) {
        return JSON.writeValueAsString(value);
    }

    public synchronized String json() {
        if (json == null) {
            json = JSON.writeValueAsString(data);
        }
        return json;
    }

    /** The event on the wire, encoded once however many clients follow it. */
    public synchronized byte[] sse() {
        if (wire == null) {
            wire = ("event: " + type + "\ndata: " + json() + "\n\n").getBytes(StandardCharsets.UTF_8);
        }
        return wire;
    }

    @Override
    public String toString() {
        return "StreamEvent[" + type + " " + json() + "]";
    }
}
