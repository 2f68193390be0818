package io.parley.chat.provider.http;

import io.parley.chat.provider.ProviderConnection;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * What every adapter's {@link ProviderHttp} shares: one HTTP client per connect timeout (the JDK client
 * fixes it at build time), so connections to the same host are pooled across turns, one timer thread that
 * watches every stream for silence, and the backoff between attempts. Thread-safe; lives as long as the
 * application.
 */
public final class ProviderClients implements AutoCloseable {

    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final ConcurrentMap<Duration, HttpClient> clients = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledThreadPoolExecutor timer;
    private final Backoff backoff;

    /** Retries wait 0.5 s, 1 s, 2 s … (jittered, at most 8 s) unless the provider says how long. */
    public ProviderClients() {
        this(Backoff.DEFAULT.first());
    }

    /**
     * @param firstBackoff the bound of the first wait between attempts, doubling per attempt up to 8 s;
     *                     small values keep tests fast
     */
    public ProviderClients(Duration firstBackoff) {
        this.backoff = new Backoff(Objects.requireNonNull(firstBackoff), Backoff.DEFAULT.cap());
        this.timer = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("provider-read-timeout")
                .factory());
        // streams that end normally cancel their check; without this the queue would hold them until due
        timer.setRemoveOnCancelPolicy(true);
    }

    /**
     * The HTTP side of one adapter for {@code connection}.
     *
     * @param name            how messages name the provider ("Anthropic")
     * @param protocolHeaders authentication and version headers; the connection's own headers win
     */
    public ProviderHttp open(String name, ProviderConnection connection, Map<String, String> protocolHeaders) {
        return new ProviderHttp(name, client(connection.connectTimeout()), timer, connection, backoff, protocolHeaders);
    }

    /** Aborts calls still running and stops the shared threads; {@link ProviderHttp}s opened here stop working. */
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
