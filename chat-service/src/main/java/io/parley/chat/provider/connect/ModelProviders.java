package io.parley.chat.provider.connect;

import io.parley.chat.provider.ModelProvider;
import io.parley.chat.provider.ProviderConnection;
import io.parley.chat.provider.anthropic.AnthropicProvider;
import io.parley.chat.provider.google.GoogleProvider;
import io.parley.chat.provider.http.ProviderClients;
import io.parley.chat.provider.openai.OpenAiProvider;
import java.time.Duration;

/**
 * Builds the {@link ModelProvider} for a connection: the adapter of its wire format over the HTTP clients
 * all adapters share. Thread-safe; meant to live as long as the application (as a bean, Spring closes it
 * on shutdown).
 */
public final class ModelProviders implements AutoCloseable {

    private final ProviderClients clients;

    /** Retries wait 0.5 s, 1 s, 2 s … (jittered, at most 8 s) unless the provider says how long. */
    public ModelProviders() {
        this.clients = new ProviderClients();
    }

    /**
     * @param firstBackoff the bound of the first wait between attempts, doubling per attempt up to 8 s;
     *                     small values keep tests fast
     */
    public ModelProviders(Duration firstBackoff) {
        this.clients = new ProviderClients(firstBackoff);
    }

    /** The adapter speaking {@code connection.protocol()}; cheap, so callers need not cache it. */
    public ModelProvider connect(ProviderConnection connection) {
        return switch (connection.protocol()) {
            case OPENAI -> new OpenAiProvider(connection, clients);
            case ANTHROPIC -> new AnthropicProvider(connection, clients);
            case GOOGLE -> new GoogleProvider(connection, clients);
        };
    }

    /** Aborts calls still running and stops the shared threads; adapters made here stop working. */
    @Override
    public void close() {
        clients.close();
    }
}
