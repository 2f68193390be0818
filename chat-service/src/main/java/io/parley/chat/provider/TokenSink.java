package io.parley.chat.provider;

/** Receives an answer as it streams; called from the streaming thread, in order. */
public interface TokenSink {

    void text(String chunk);

    /** Reasoning ("thinking") the model shows before or beside its answer. */
    void reasoning(String chunk);

    /**
     * A piece of a tool call: {@code index} is the call's place in the answer; the first piece of a
     * call names its {@code id} and {@code name}, later ones add to its arguments (JSON text).
     */
    default void toolCall(int index, String id, String name, String argumentsChunk) {
    }
}
