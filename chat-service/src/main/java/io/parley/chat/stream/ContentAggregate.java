package io.parley.chat.stream;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds a turn's delta events into LibreChat's content parts: consecutive reasoning deltas into one
 * {@code think} part, consecutive text deltas into one {@code text} part.
 */
public final class ContentAggregate {

    private final List<StringBuilder> texts = new ArrayList<>();
    private final List<String> types = new ArrayList<>();

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
        if (!"on_message_delta".equals(name) && !"on_reasoning_delta".equals(name)) {
            return;
        }
        Map<String, Object> data = (Map<String, Object>) event.data().get("data");
        Map<String, Object> delta = data == null ? null : (Map<String, Object>) data.get("delta");
        List<Map<String, Object>> parts = delta == null ? List.of() : (List<Map<String, Object>>) delta.getOrDefault("content", List.of());
        for (Map<String, Object> part : parts) {
            String type = String.valueOf(part.get("type"));
            Object chunk = part.get(type);
            if (chunk instanceof String text && ("text".equals(type) || "think".equals(type))) {
                append(type, text);
            }
        }
    }

    public void append(String type, String chunk) {
        int last = types.size() - 1;
        if (last >= 0 && types.get(last).equals(type)) {
            texts.get(last).append(chunk);
        } else {
            types.add(type);
            texts.add(new StringBuilder(chunk));
        }
    }

    public List<Map<String, Object>> parts() {
        List<Map<String, Object>> parts = new ArrayList<>(types.size());
        for (int i = 0; i < types.size(); i++) {
            Map<String, Object> part = new LinkedHashMap<>();
            part.put("type", types.get(i));
            part.put(types.get(i), texts.get(i).toString());
            parts.add(part);
        }
        return parts;
    }

    /** The answer's text without the reasoning. */
    public String text() {
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < types.size(); i++) {
            if ("text".equals(types.get(i))) {
                all.append(texts.get(i));
            }
        }
        return all.toString();
    }
}
