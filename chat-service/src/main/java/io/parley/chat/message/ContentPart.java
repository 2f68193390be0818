package io.parley.chat.message;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One of LibreChat's content parts ({@code TMessageContentParts}): {@code {type, <type>: value, …}}. A part of a
 * known type whose value has the type LibreChat gives it is that type's record, its other keys (a text's
 * {@code tool_call_ids}, a steer's {@code steerId}) kept in {@code extra}; anything else is {@link Unknown}, kept
 * whole. So a part read and written again, or answered, is the part that was stored or sent. The stored and
 * the answered shape are one ({@link #toMap()}); values inside are as stored.
 */
public sealed interface ContentPart {

    /** LibreChat's {@code type}; null for an {@link Unknown} part without a string one. */
    @Nullable String type();

    /** The part's keys besides {@code type} and its value. */
    Map<String, Object> extra();

    /** The value under the part's type ({@code text}'s text, {@code tool_call}'s call), as stored. */
    @Nullable Object value();

    /** {@code {type, <type>: value, …extra}}, as stored and as LibreChat's client reads it. */
    @JsonValue
    default Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", type());
        out.put(type(), value());
        out.putAll(extra());
        return out;
    }

    /** A key of the part, its value included, as stored; null when absent. */
    default @Nullable Object get(String key) {
        return toMap().get(key);
    }

    /** The same part with {@code key} set to {@code value} (an edited text). */
    default ContentPart with(String key, Object value) {
        Map<String, Object> changed = toMap();
        changed.put(key, value);
        return of(changed);
    }

    /** The part a stored or sent map is. */
    static ContentPart of(Map<String, ?> part) {
        Map<String, Object> extra = new LinkedHashMap<>(part);
        Object type = extra.remove("type");
        if (!(type instanceof String name) || !part.containsKey(name)) {
            return new Unknown(strings(part));
        }
        Object value = extra.remove(name);
        return switch (name) {
            case "text" -> value instanceof String text ? new Text(text, extra) : new Unknown(strings(part));
            case "think" -> value instanceof String think ? new Think(think, extra) : new Unknown(strings(part));
            case "error" -> value instanceof String error ? new Error(error, extra) : new Unknown(strings(part));
            case "steer" -> value instanceof String steer ? new Steer(steer, extra) : new Unknown(strings(part));
            case "tool_call" -> value instanceof Map<?, ?> call ? new ToolCall(strings(call), extra) : new Unknown(strings(part));
            case "image_file" -> value instanceof Map<?, ?> file ? new ImageFile(strings(file), extra) : new Unknown(strings(part));
            case "agent_update" -> value instanceof Map<?, ?> update ? new AgentUpdate(strings(update), extra) : new Unknown(strings(part));
            case "image_url" -> value != null ? new ImageUrl(value, extra) : new Unknown(strings(part));
            default -> new Unknown(strings(part));
        };
    }

    private static Map<String, Object> strings(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private static Map<String, Object> kept(Map<String, Object> extra) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /** Text of the answer or of the person's message. */
    record Text(String text, Map<String, Object> extra) implements ContentPart {
        public Text {
            extra = kept(extra);
        }

        public Text(String text) {
            this(text, Map.of());
        }

        @Override public String type() { return "text"; }
        @Override public Object value() { return text; }
    }

    /** The model's reasoning. */
    record Think(String think, Map<String, Object> extra) implements ContentPart {
        public Think {
            extra = kept(extra);
        }

        public Think(String think) {
            this(think, Map.of());
        }

        @Override public String type() { return "think"; }
        @Override public Object value() { return think; }
    }

    /** What went wrong, last in a failed answer. */
    record Error(String error, Map<String, Object> extra) implements ContentPart {
        public Error {
            extra = kept(extra);
        }

        public Error(String error) {
            this(error, Map.of());
        }

        @Override public String type() { return "error"; }
        @Override public Object value() { return error; }
    }

    /** A person's steer as the run took it (with its {@code steerId} in {@code extra}). */
    record Steer(String steer, Map<String, Object> extra) implements ContentPart {
        public Steer {
            extra = kept(extra);
        }

        @Override public String type() { return "steer"; }
        @Override public Object value() { return steer; }
    }

    /**
     * A tool call of an agent run: {@code {id, name, args, type, output?, progress?, auth?, expires_at?}} as
     * LibreChat's aggregator builds it.
     */
    record ToolCall(Map<String, Object> call, Map<String, Object> extra) implements ContentPart {
        public ToolCall {
            call = kept(call);
            extra = kept(extra);
        }

        public ToolCall(Map<String, Object> call) {
            this(call, Map.of());
        }

        @Override public String type() { return "tool_call"; }
        @Override public Object value() { return call; }
    }

    /** An image a tool or the model made, by file reference. */
    record ImageFile(Map<String, Object> imageFile, Map<String, Object> extra) implements ContentPart {
        public ImageFile {
            imageFile = kept(imageFile);
            extra = kept(extra);
        }

        @Override public String type() { return "image_file"; }
        @Override public Object value() { return imageFile; }
    }

    /** An image by address: a string, or {@code {url, detail}}. */
    record ImageUrl(Object imageUrl, Map<String, Object> extra) implements ContentPart {
        public ImageUrl {
            extra = kept(extra);
        }

        @Override public String type() { return "image_url"; }
        @Override public Object value() { return imageUrl; }
    }

    /** A multi-agent run's switch of agent ({@code {index, runId, agentId}}). */
    record AgentUpdate(Map<String, Object> agentUpdate, Map<String, Object> extra) implements ContentPart {
        public AgentUpdate {
            agentUpdate = kept(agentUpdate);
            extra = kept(extra);
        }

        @Override public String type() { return "agent_update"; }
        @Override public Object value() { return agentUpdate; }
    }

    /** A part of another type, or of a known type with a value of another shape: kept whole, as it was. */
    record Unknown(Map<String, Object> raw) implements ContentPart {
        public Unknown {
            raw = Collections.unmodifiableMap(new LinkedHashMap<>(raw));
        }

        @Override public @Nullable String type() { return raw.get("type") instanceof String type ? type : null; }
        @Override public Map<String, Object> extra() { return raw; }
        @Override public @Nullable Object value() { return type() == null ? null : raw.get(type()); }
        @Override public Map<String, Object> toMap() { return new LinkedHashMap<>(raw); }
    }
}
