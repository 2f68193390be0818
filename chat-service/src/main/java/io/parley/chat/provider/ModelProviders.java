package io.parley.chat.provider;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * Builds the {@link ModelProvider} for a connection. Adapters share one HTTP client per connect timeout
 * (the JDK client fixes it at build time), so connections to the same host are pooled across turns, and
 * one timer thread that watches every stream for silence. Thread-safe; meant to live as long as the
 * application (as a bean, Spring closes it on shutdown).
 */
public final class ModelProviders implements AutoCloseable {

    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final ConcurrentMap<Duration, HttpClient> clients = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledThreadPoolExecutor timer;
    private final Backoff backoff;

    /** Retries wait 0.5 s, 1 s, 2 s … (jittered, at most 8 s) unless the provider says how long. */
    public ModelProviders() {
        this(Backoff.DEFAULT.first());
    }

    /**
     * @param firstBackoff the bound of the first wait between attempts, doubling per attempt up to 8 s;
     *                     small values keep tests fast
     */
    public ModelProviders(Duration firstBackoff) {
        this.backoff = new Backoff(Objects.requireNonNull(firstBackoff), Backoff.DEFAULT.cap());
        this.timer = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("provider-read-timeout")
                .factory());
        // streams that end normally cancel their check; without this the queue would hold them until due
        timer.setRemoveOnCancelPolicy(true);
    }

    /** The adapter speaking {@code connection.protocol()}; cheap, so callers need not cache it. */
    public ModelProvider connect(ProviderConnection connection) {
        HttpClient client = client(connection.connectTimeout());
        return switch (connection.protocol()) {
            case OPENAI -> new OpenAiProvider(connection, client, timer, backoff);
            case ANTHROPIC -> new AnthropicProvider(connection, client, timer, backoff);
            case GOOGLE -> new GoogleProvider(connection, client, timer, backoff);
        };
    }

    /** Aborts calls still running and stops the shared threads; adapters made here stop working. */
    @Override
    public void close() {
        clients.values().forEach(HttpClient::shutdownNow);
        timer.shutdownNow();
        executor.shutdownNow();
    }

    private HttpClient client(Duration connectTimeout) {
        Duration timeout = connectTimeout == null || connectTimeout.isZero() || connectTimeout.isNegative()
                ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
        return clients.computeIfAbsent(timeout, t -> HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(t)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build());
    }
}
