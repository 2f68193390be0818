package io.parley.chat.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What one model call sends.
 *
 * @param model        the provider's model id
 * @param instructions the system prompt (LibreChat's promptPrefix / agent instructions); may be null
 * @param messages     the conversation, oldest first, alternating as the user made it; an agent run adds
 *                     the model's tool calls and the tools' results at its end
 * @param parameters   LibreChat's model parameters by their LibreChat names ({@code temperature},
 *                     {@code top_p}/{@code topP}, {@code topK}, {@code max_tokens}/{@code maxOutputTokens},
 *                     {@code stop}, {@code reasoning_effort}, {@code thinking}, {@code thinkingBudget}, …);
 *                     each adapter maps them onto its wire names and ignores those it has no use for
 * @param user         the end user's id, passed where the protocol has a field for it
 * @param tools        the tools offered to the model; empty for a plain chat
 */
public record ModelRequest(String model, @Nullable String instructions, List<ChatMessage> messages,
                           Map<String, Object> parameters, String user, List<ToolSpec> tools) {

    public ModelRequest {
        messages = List.copyOf(messages);
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        tools = tools == null ? List.of() : List.copyOf(tools);
    }

    public ModelRequest(String model, @Nullable String instructions, List<ChatMessage> messages, Map<String, Object> parameters,
                        String user) {
        this(model, instructions, messages, parameters, user, List.of());
    }

    public ModelRequest withTools(List<ToolSpec> offered) {
        return new ModelRequest(model, instructions, messages, parameters, user, offered);
    }

    /** The same request with {@code more} messages at the end (a tool round of an agent run). */
    public ModelRequest followedBy(List<ChatMessage> more) {
        List<ChatMessage> all = new ArrayList<>(messages);
        all.addAll(more);
        return new ModelRequest(model, instructions, all, parameters, user, tools);
    }

    /**
     * One turn of the conversation: a person's or the model's text; the model's turn may also call
     * tools, and a {@link Role#TOOL} turn carries one tool's result for {@code toolCallId}. A person's
     * turn may carry images.
     */
    public record ChatMessage(Role role, String text, List<ToolCall> toolCalls, @Nullable String toolCallId,
                              List<Image> images) {

        public ChatMessage {
            toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
            images = images == null ? List.of() : List.copyOf(images);
        }

        public ChatMessage(Role role, String text, List<ToolCall> toolCalls, @Nullable String toolCallId) {
            this(role, text, toolCalls, toolCallId, List.of());
        }

        public ChatMessage(Role role, String text) {
            this(role, text, List.of(), null);
        }

        /** A person's message with the images they attached to it. */
        public static ChatMessage userWithImages(String text, List<Image> images) {
            return new ChatMessage(Role.USER, text, List.of(), null, images);
        }

        public static ChatMessage toolResult(String toolCallId, String output) {
            return new ChatMessage(Role.TOOL, output, List.of(), toolCallId);
        }

        public boolean carriesTools() {
            return role == Role.TOOL || !toolCalls.isEmpty();
        }
    }

    public enum Role { USER, ASSISTANT, TOOL }

    /** An image a person attached, for models that see: its MIME type and its bytes in base64. */
    public record Image(String mediaType, String base64) {
    }

    /** A tool the model may call: its name, what it does, and its arguments' JSON Schema (as JSON text). */
    public record ToolSpec(String name, String description, String inputSchemaJson) {
    }

    /**
     * A call the model asked for; the arguments are JSON text ("{}" when it gave none).
     *
     * @param signature what the provider wants back with the call on the next request (Gemini's
     *                  {@code thoughtSignature}); null for none
     */
    public record ToolCall(String id, String name, String argumentsJson, @Nullable String signature) {

        public ToolCall(String id, String name, String argumentsJson) {
            this(id, name, argumentsJson, null);
        }
    }
}
