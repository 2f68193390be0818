package io.parley.chat.stream;

import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * One server-sent event of a chat turn, as LibreChat sends it: {@code event: message} (or
 * {@code event: error}) and a JSON {@code data} line. The final event and an error end the stream.
 */
public record StreamEvent(String type, Map<String, Object> data) {

    public static final String MESSAGE = "message";
    public static final String ERROR = "error";
    static final JsonMapper JSON = JsonMapper.builder().build();

    public static StreamEvent message(Map<String, Object> data) {
        return new StreamEvent(MESSAGE, data);
    }

    public static StreamEvent error(Map<String, Object> data) {
        return new StreamEvent(ERROR, data);
    }

    /** True for the last event of a stream. */
    public boolean terminal() {
        return ERROR.equals(type) || Boolean.TRUE.equals(data.get("final"));
    }

    public static String toJson(Object value) {
        return JSON.writeValueAsString(value);
    }

    public String json() {
        return JSON.writeValueAsString(data);
    }

    @SuppressWarnings("unchecked")
    static StreamEvent parse(String type, String json) {
        return new StreamEvent(type, JSON.readValue(json, Map.class));
    }

    /** The event on the wire. */
    public String sse() {
        return "event: " + type + "\ndata: " + json() + "\n\n";
    }
}
