package io.parley.chat.provider;

/**
 * One answer being assembled: forwards non-empty pieces to the sink and keeps the whole. Whether
 * anything reached the sink decides if a failed call may still be retried. Used by one thread.
 */
final class Answer {

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

    Answer(TokenSink sink) {
        this.sink = sink;
    }

    /** An answer nobody streams (complete()). */
    static Answer unstreamed() {
        return new Answer(NO_SINK);
    }

    void text(String chunk) {
        if (!Json.isEmpty(chunk)) {
            started = true;
            text.append(chunk);
            sink.text(chunk);
        }
    }

    void reasoning(String chunk) {
        if (!Json.isEmpty(chunk)) {
            started = true;
            reasoning.append(chunk);
            sink.reasoning(chunk);
        }
    }

    /** True once a piece reached the sink: from then on a failure is final. */
    boolean started() {
        return started;
    }

    void promptTokens(int tokens) {
        promptTokens = tokens;
    }

    void completionTokens(int tokens) {
        completionTokens = tokens;
    }

    void finishReason(String reason) {
        if (reason != null) {
            finishReason = reason;
        }
    }

    /** The whole answer; reasoning is null when the model showed none. */
    Completion completion() {
        Completion.Usage usage = promptTokens == null && completionTokens == null ? null
                : new Completion.Usage(promptTokens == null ? 0 : promptTokens,
                        completionTokens == null ? 0 : completionTokens);
        return new Completion(text.toString(), reasoning.isEmpty() ? null : reasoning.toString(), usage, finishReason);
    }
}
