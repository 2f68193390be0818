package io.parley.chat.provider;

import java.util.List;

/**
 * One model provider's wire protocol, reached over HTTP. Implementations are thread-safe and shared
 * by every turn that uses the same {@link ProviderConnection}. Calls block the calling (virtual)
 * thread.
 */
public interface ModelProvider {

    /**
     * Streams one answer into {@code sink} as it arrives and returns the whole of it. Retries 429 and
     * 5xx answers with backoff only until the first token has reached the sink, never after.
     *
     * @throws ProviderException.Cancelled when {@code cancel} was triggered (the sink has what arrived)
     * @throws ProviderException           on any other failure (the sink has what arrived)
     */
    Completion stream(ModelRequest request, TokenSink sink, Cancellation cancel);

    /** One answer, not streamed (titles). */
    Completion complete(ModelRequest request, Cancellation cancel);

    /**
     * Whether this adapter offers {@link ModelRequest#tools()} to the model and reports its tool calls;
     * one that does not runs an agent without its tools.
     */
    default boolean callsTools() {
        return true;
    }

    /** The provider's model ids ({@code models.fetch}). */
    List<String> models();
}
