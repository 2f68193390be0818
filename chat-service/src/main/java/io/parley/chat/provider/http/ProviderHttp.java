package io.parley.chat.provider.http;

import io.parley.chat.provider.Cancellation;
import io.parley.chat.provider.ProviderConnection;
import io.parley.chat.provider.ProviderException;
import io.parley.chat.provider.wire.Answer;
import io.parley.chat.provider.wire.Json;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP mechanics the adapters share: request building (protocol headers, the connection's extra
 * headers, addParams/dropParams), retries with backoff before the first token, the read timeout, and
 * cancellation. Thread-safe; holds no per-call state. Made by {@link ProviderClients#open}.
 */
public final class ProviderHttp {

    private static final Logger log = LoggerFactory.getLogger(ProviderHttp.class);

    /** Statuses worth another attempt: rate limits, gateway trouble, Anthropic's 529 "overloaded". */
    static final Set<Integer> RETRYABLE = Set.of(429, 500, 502, 503, 504, 529);

    static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMinutes(2);
    private static final int ERROR_BODY_LIMIT = 64 * 1024;
    private static final int DRAIN_LIMIT = 64 * 1024;

    /** Reads one successful response body. */
    interface BodyReader<T> {
        T read(IdleTimeoutInputStream body) throws IOException;
    }

    /** Sees each event of a stream; answers false once the protocol says the answer is complete. */
    public interface EventHandler {
        boolean onEvent(SseReader.Event event);
    }

    private final String name;
    private final HttpClient client;
    private final ScheduledExecutorService timer;
    private final ProviderConnection connection;
    private final Backoff backoff;
    private final Map<String, String> protocolHeaders;
    private final String baseUrl;
    private final Duration readTimeout;
    private final int maxRetries;

    /**
     * @param name            how messages name the provider ("Anthropic")
     * @param protocolHeaders authentication and version headers; the connection's own headers win
     */
    ProviderHttp(String name, HttpClient client, ScheduledExecutorService timer, ProviderConnection connection,
                 Backoff backoff, Map<String, String> protocolHeaders) {
        this.name = name;
        this.client = client;
        this.timer = timer;
        this.connection = connection;
        this.backoff = backoff;
        this.protocolHeaders = Map.copyOf(protocolHeaders);
        String base = connection.baseUrl().toString();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        Duration read = connection.readTimeout();
        this.readTimeout = read == null || read.isZero() || read.isNegative() ? DEFAULT_READ_TIMEOUT : read;
        this.maxRetries = Math.max(0, connection.maxRetries());
    }

    public String name() {
        return name;
    }

    /** The connection's key-free description. */
    @Override
    public String toString() {
        return connection.toString();
    }

    /** A JSON POST to {@code path} (appended to the base URL) with addParams added and dropParams removed. */
    public HttpRequest post(String path, Map<String, Object> body, boolean streamed) {
        Map<String, Object> wire = new LinkedHashMap<>(body);
        wire.putAll(connection.addParams());
        connection.dropParams().forEach(wire::remove);
        return request(path, streamed ? "text/event-stream" : "application/json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(wire)))
                .build();
    }

    public HttpRequest get(String path) {
        return request(path, "application/json").GET().build();
    }

    private HttpRequest.Builder request(String path, String accept) {
        URI uri;
        try {
            uri = URI.create(baseUrl + path);
        } catch (IllegalArgumentException malformed) {
            throw new ProviderException(name + " has a base URL that is not a valid URL", 0);
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).header("Accept", accept);
        protocolHeaders.forEach(builder::setHeader);
        connection.headers().forEach((header, value) -> {
            try {
                builder.setHeader(header, value);
            } catch (IllegalArgumentException restricted) {
                // Host, Connection, Content-Length… belong to the client; a YAML that sets them gets ignored
                log.debug("Ignoring restricted provider header {}", header);
            }
        });
        return builder;
    }

    /** Streams server-sent events into {@code handler} until it answers false or the body ends. */
    public void stream(HttpRequest request, Cancellation cancel, Answer answer, EventHandler handler) {
        execute(request, cancel, answer::started, body -> {
            SseReader events = new SseReader(body);
            SseReader.Event event;
            while ((event = events.next()) != null) {
                if (!handler.onEvent(event)) {
                    body.drainInBackground(DRAIN_LIMIT);
                    break;
                }
            }
            return null;
        });
    }

    /** One JSON answer. */
    public JsonNode call(HttpRequest request, Cancellation cancel) {
        return execute(request, cancel, () -> false, body -> Json.MAPPER.readTree(body.readAllBytes()));
    }

    /** The key-free form of a provider message: what reaches exceptions and logs. */
    public String scrub(String message) {
        String key = connection.apiKey();
        if (message == null || key == null || key.length() < 4) {
            return message;
        }
        return message.replace(key, "***");
    }

    /** A failure the provider reported inside a 2xx stream, e.g. Anthropic's {@code event: error}. */
    public ProviderException reported(int status, JsonNode errorBody) {
        String detail = ProviderErrors.errorMessage(errorBody);
        return new ProviderException(scrub(name + " reported an error"
                + (status > 0 ? " (" + status + ")" : "") + (detail == null ? "" : ": " + detail)), status);
    }

    private <T> T execute(HttpRequest request, Cancellation cancel, BooleanSupplier started, BodyReader<T> reader) {
        for (int attempt = 0; ; attempt++) {
            if (cancel.isCancelled()) {
                throw new ProviderException.Cancelled();
            }
            Attempt<T> outcome = attempt(request, cancel, reader);
            if (outcome.failure() == null) {
                return outcome.value();
            }
            ProviderException failure = outcome.failure();
            if (!outcome.retryable() || attempt >= maxRetries || started.getAsBoolean()) {
                throw failure;
            }
            Duration delay = backoff.delay(attempt, outcome.retryAfter());
            // the message is scrubbed and holds the provider's words, never the conversation
            log.info("Retry {}/{} in {} ms after: {}", attempt + 1, maxRetries, delay.toMillis(),
                    failure.getMessage());
            pause(delay, cancel);
        }
    }

    /** How one attempt ended: a value, or a failure and whether another attempt may follow. */
    private record Attempt<T>(@Nullable T value, @Nullable ProviderException failure, boolean retryable,
                              @Nullable Duration retryAfter) {

        static <T> Attempt<T> success(T value) {
            return new Attempt<>(value, null, false, null);
        }

        static <T> Attempt<T> failed(ProviderException failure, boolean retryable, @Nullable Duration retryAfter) {
            return new Attempt<>(null, failure, retryable, retryAfter);
        }
    }

    private <T> Attempt<T> attempt(HttpRequest request, Cancellation cancel, BodyReader<T> reader) {
        IdleTimeoutInputStream body = null;
        try {
            HttpResponse<InputStream> response = send(request, cancel);
            body = IdleTimeoutInputStream.watch(response.body(), readTimeout, timer);
            try (IdleTimeoutInputStream closing = body; Cancellation.Registration reading = cancel.onCancel(body)) {
                int status = response.statusCode();
                if (status / 100 != 2) {
                    ProviderException failure = new ProviderException(
                            scrub(name + " answered " + status + ProviderErrors.describe(closing.readNBytes(ERROR_BODY_LIMIT))),
                            status);
                    return Attempt.failed(failure, RETRYABLE.contains(status),
                            ProviderErrors.retryAfter(response.headers()));
                }
                T value = reader.read(closing);
                // a closed body may read as a plain end: ask why it ended before trusting the answer
                if (cancel.isCancelled()) {
                    throw new ProviderException.Cancelled();
                }
                if (body.timedOut()) {
                    return Attempt.failed(timedOut(), false, null);
                }
                return Attempt.success(value);
            }
        } catch (ProviderException.Cancelled cancelled) {
            throw cancelled;
        } catch (ProviderException reported) {
            return Attempt.failed(reported, RETRYABLE.contains(reported.status()), null);
        } catch (JacksonException malformed) {
            return Attempt.failed(new ProviderException(name + " sent malformed JSON", 0), false, null);
        } catch (IOException broken) {
            if (cancel.isCancelled()) {
                throw new ProviderException.Cancelled();
            }
            if (body != null && body.timedOut()) {
                return Attempt.failed(timedOut(), false, null);
            }
            if (broken instanceof HttpTimeoutException && !(broken instanceof HttpConnectTimeoutException)) {
                return Attempt.failed(timedOut(), false, null);
            }
            return Attempt.failed(new ProviderException(scrub(name + " connection failed: " + describe(broken)), broken),
                    true, null);
        }
    }

    private ProviderException timedOut() {
        return new ProviderException(name + " timed out: nothing arrived for " + readTimeout.toMillis() + " ms", 0);
    }

    /** Sends and waits for the response head, at most the read timeout, cancellable. */
    private HttpResponse<InputStream> send(HttpRequest request, Cancellation cancel) throws IOException {
        CompletableFuture<HttpResponse<InputStream>> pending =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        try (Cancellation.Registration waiting = cancel.onCancel(() -> abandon(pending))) {
            return pending.get(readTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException slow) {
            abandon(pending);
            throw new HttpTimeoutException("no response head within the read timeout");
        } catch (CancellationException cancelled) {
            throw new ProviderException.Cancelled();
        } catch (InterruptedException interrupted) {
            abandon(pending);
            Thread.currentThread().interrupt();
            throw new ProviderException.Cancelled();
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            throw cause instanceof IOException io ? io : new IOException(cause.getClass().getSimpleName(), cause);
        }
    }

    /** Cancelling aborts the exchange; a response that won the race still has its body closed. */
    private static void abandon(CompletableFuture<HttpResponse<InputStream>> pending) {
        pending.cancel(true);
        pending.thenAccept(response -> closeQuietly(response.body()));
    }

    private static void pause(Duration delay, Cancellation cancel) {
        CountDownLatch woken = new CountDownLatch(1);
        try (Cancellation.Registration sleeping = cancel.onCancel(woken::countDown)) {
            woken.await(delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new ProviderException.Cancelled();
        }
        if (cancel.isCancelled()) {
            throw new ProviderException.Cancelled();
        }
    }

    private static String describe(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    private static void closeQuietly(Closeable resource) {
        try {
            resource.close();
        } catch (IOException ignored) {
            // the response is being thrown away
        }
    }
}
