package io.parley.chat.stream;

import io.parley.chat.message.ContentPart;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds a turn's events into LibreChat's content parts (typed {@link ContentPart}s), in the order they
 * began: consecutive reasoning deltas into one {@code think} part, consecutive text deltas into one {@code text} part,
 * and each tool call of an agent run into a {@code tool_call} part (opened by its {@code on_run_step},
 * its arguments grown by {@code on_run_step_delta}, its output set by {@code on_run_step_completed}), and
 * each steer applied to the run ({@code on_steer_applied}) into LibreChat's {@code steer} part where it
 * joined.
 */
public final class ContentAggregate {

    private sealed interface Part permits TextPart, ToolCallPart, SteerPart {
    }

    /** A person's steer as the run took it; the text after it is a new part. */
    private record SteerPart(ContentPart part) implements Part {
    }

    private record TextPart(String type, StringBuilder text) implements Part {
    }

    private static final class ToolCallPart implements Part {
        final String id;
        final String name;
        final StringBuilder args = new StringBuilder();
        String output;
        /** The page the person signs in at, when the tool's server wants that first; with its expiry (ms). */
        String auth;
        Long expiresAt;

        ToolCallPart(String id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    private final List<Part> parts = new ArrayList<>();
    /** Tool call parts by the id of the run step that carries them. */
    private final Map<String, ToolCallPart> toolSteps = new HashMap<>();

    @SuppressWarnings("unchecked")
    public void add(StreamEvent event) {
        if (event.delta() != null) {
            append(event.delta().type(), event.delta().chunk());
            return;
        }
        if (event.terminal()) {
            return;
        }
        Object name = event.data().get("event");
        Map<String, Object> data = event.data().get("data") instanceof Map<?, ?> d ? (Map<String, Object>) d : null;
        if (data == null) {
            return;
        }
        switch (String.valueOf(name)) {
            case "on_message_delta", "on_reasoning_delta" -> addDeltas(data);
            case "on_run_step" -> openToolCall(data);
            case "on_run_step_delta" -> growToolCall(data);
            case "on_run_step_completed" -> completeToolCall(data);
            case "on_steer_applied" -> addSteer(data);
            default -> {
                // other events carry no content
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void addDeltas(Map<String, Object> data) {
        Map<String, Object> delta = (Map<String, Object>) data.get("delta");
        List<Map<String, Object>> deltaParts = delta == null ? List.of()
                : (List<Map<String, Object>>) delta.getOrDefault("content", List.of());
        for (Map<String, Object> part : deltaParts) {
            String type = String.valueOf(part.get("type"));
            Object chunk = part.get(type);
            if (chunk instanceof String text && ("text".equals(type) || "think".equals(type))) {
                append(type, text);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void openToolCall(Map<String, Object> data) {
        if (!"tool_calls".equals(data.get("type")) || !(data.get("stepDetails") instanceof Map<?, ?> details)) {
            return;
        }
        for (Object entry : (List<Object>) ((Map<String, Object>) details).getOrDefault("tool_calls", List.of())) {
            Map<String, Object> call = (Map<String, Object>) entry;
            ToolCallPart part = new ToolCallPart(String.valueOf(call.get("id")), String.valueOf(call.get("name")));
            if (call.get("args") instanceof String args) {
                part.args.append(args);
            }
            parts.add(part);
            toolSteps.put(String.valueOf(data.get("id")), part);
        }
    }

    @SuppressWarnings("unchecked")
    private void growToolCall(Map<String, Object> data) {
        ToolCallPart part = toolSteps.get(String.valueOf(data.get("id")));
        if (part == null || !(data.get("delta") instanceof Map<?, ?> delta)) {
            return;
        }
        for (Object entry : (List<Object>) ((Map<String, Object>) delta).getOrDefault("tool_calls", List.of())) {
            if (((Map<String, Object>) entry).get("args") instanceof String args) {
                part.args.append(args);
            }
        }
        // a sign-in the call needs, as LibreChat's aggregator keeps it on the part
        if (delta.get("auth") instanceof String auth) {
            part.auth = auth;
            part.expiresAt = delta.get("expires_at") instanceof Number n ? n.longValue() : null;
        }
    }

    @SuppressWarnings("unchecked")
    private void completeToolCall(Map<String, Object> data) {
        if (!(data.get("result") instanceof Map<?, ?> result)) {
            return;
        }
        ToolCallPart part = toolSteps.get(String.valueOf(result.get("id")));
        if (part != null && result.get("tool_call") instanceof Map<?, ?> call) {
            Object output = ((Map<String, Object>) call).get("output");
            part.output = output == null ? "" : output.toString();
            if (((Map<String, Object>) call).get("args") instanceof String args) {
                part.args.setLength(0);
                part.args.append(args);
            }
        }
    }

    private void addSteer(Map<String, Object> data) {
        if (data.get("part") instanceof Map<?, ?> part && "steer".equals(part.get("type"))) {
            Map<String, Object> copy = new LinkedHashMap<>();
            part.forEach((k, v) -> copy.put(String.valueOf(k), v));
            parts.add(new SteerPart(ContentPart.of(copy)));
        }
    }

    public void append(String type, String chunk) {
        if (!parts.isEmpty() && parts.getLast() instanceof TextPart last && last.type().equals(type)) {
            last.text().append(chunk);
        } else {
            parts.add(new TextPart(type, new StringBuilder(chunk)));
        }
    }

    /** The parts so far, in the order they began. */
    public List<ContentPart> parts() {
        List<ContentPart> out = new ArrayList<>(parts.size());
        for (Part part : parts) {
            out.add(switch (part) {
                case TextPart text -> {
                    Map<String, Object> map = new LinkedHashMap<>();
                    map.put("type", text.type());
                    map.put(text.type(), text.text().toString());
                    yield ContentPart.of(map);
                }
                case ToolCallPart call -> {
                    Map<String, Object> toolCall = new LinkedHashMap<>();
                    toolCall.put("id", call.id);
                    toolCall.put("name", call.name);
                    toolCall.put("args", call.args.toString());
                    toolCall.put("type", "tool_call");
                    if (call.auth != null) {
                        toolCall.put("auth", call.auth);
                        toolCall.put("expires_at", call.expiresAt);
                    }
                    if (call.output != null) {
                        toolCall.put("output", call.output);
                        toolCall.put("progress", 1);
                    }
                    yield new ContentPart.ToolCall(toolCall);
                }
                case SteerPart steer -> steer.part();
            });
        }
        return out;
    }

    /** The answer's text without the reasoning or tool calls. */
    public String text() {
        StringBuilder all = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof TextPart text && "text".equals(text.type())) {
                all.append(text.text());
            }
        }
        return all.toString();
    }
}
