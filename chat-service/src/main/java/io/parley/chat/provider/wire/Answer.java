package io.parley.chat.provider.wire;

import io.parley.chat.provider.Completion;
import io.parley.chat.provider.ModelRequest;
import io.parley.chat.provider.TokenSink;

/**
 * One answer being assembled: forwards non-empty pieces to the sink and keeps the whole. Whether
 * anything reached the sink decides if a failed call may still be retried. Used by one thread.
 */
public final class Answer {

    private static final TokenSink NO_SINK = new TokenSink() {
        @Override
        public void text(String chunk) {
        }

        @Override
        public void reasoning(String chunk) {
        }
    };

    private final TokenSink sink;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder reasoning = new StringBuilder();
    private boolean started;
    private Integer promptTokens;
    private Integer completionTokens;
    private String finishReason;
    /** Tool calls by their index in the answer (id, name, signature); their arguments grow as pieces arrive. */
    private final java.util.TreeMap<Integer, String[]> toolCalls = new java.util.TreeMap<>();
    private final java.util.Map<Integer, StringBuilder> toolArguments = new java.util.HashMap<>();

    public Answer(TokenSink sink) {
        this.sink = sink;
    }

    /** An answer nobody streams (complete()). */
    public static Answer unstreamed() {
        return new Answer(NO_SINK);
    }

    public void text(String chunk) {
        if (!Json.isEmpty(chunk)) {
            started = true;
            text.append(chunk);
            sink.text(chunk);
        }
    }

    public void reasoning(String chunk) {
        if (!Json.isEmpty(chunk)) {
            started = true;
            reasoning.append(chunk);
            sink.reasoning(chunk);
        }
    }

    /** The start of tool call {@code index}: its id and the tool's name. */
    public void toolCallStart(int index, String id, String name) {
        toolCallStart(index, id, name, null);
    }

    /** The same, with what the provider wants back with the call ({@link ModelRequest.ToolCall#signature()}). */
    public void toolCallStart(int index, String id, String name, String signature) {
        started = true;
        toolCalls.put(index, new String[] {id, name, signature});
        toolArguments.put(index, new StringBuilder());
        sink.toolCall(index, id, name, "");
    }

    /** More arguments of tool call {@code index}; pieces of a call that never started are dropped. */
    public void toolCallArguments(int index, String chunk) {
        String[] call = toolCalls.get(index);
        if (call != null && !Json.isEmpty(chunk)) {
            toolArguments.get(index).append(chunk);
            sink.toolCall(index, call[0], call[1], chunk);
        }
    }

    /** How many tool calls have started: the next one's index, for providers that send calls whole. */
    public int toolCallCount() {
        return toolCalls.size();
    }

    /** True once a piece reached the sink: from then on a failure is final. */
    public boolean started() {
        return started;
    }

    public void promptTokens(int tokens) {
        promptTokens = tokens;
    }

    public void completionTokens(int tokens) {
        completionTokens = tokens;
    }

    public void finishReason(String reason) {
        if (reason != null) {
            finishReason = reason;
        }
    }

    /** The whole answer; reasoning is null when the model showed none. */
    public Completion completion() {
        Completion.Usage usage = promptTokens == null && completionTokens == null ? null
                : new Completion.Usage(promptTokens == null ? 0 : promptTokens,
                        completionTokens == null ? 0 : completionTokens);
        java.util.List<ModelRequest.ToolCall> calls = new java.util.ArrayList<>();
        toolCalls.forEach((index, call) -> {
            String arguments = toolArguments.get(index).toString();
            calls.add(new ModelRequest.ToolCall(call[0], call[1], arguments.isBlank() ? "{}" : arguments, call[2]));
        });
        return new Completion(text.toString(), reasoning.isEmpty() ? null : reasoning.toString(), usage, finishReason,
                calls);
    }
}
