package io.parley.chat.provider;

/** Receives an answer as it streams; called from the streaming thread, in order. */
public interface TokenSink {

    void text(String chunk);

    /** Reasoning ("thinking") the model shows before or beside its answer. */
    void reasoning(String chunk);
}
