package io.parley.chat.provider.fake;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for a model provider, speaking its wire format over real HTTP on 127.0.0.1. The
 * subclasses supply the format; this class holds what every fake can be told to do (answer length,
 * pacing, reasoning, failures, a hang) and records what it received. Every setter is thread-safe and
 * takes effect for the next request. Depends on nothing outside the JDK, so a benchmark can run it with
 * a bare {@code java -cp}.
 *
 * <p>Answers are {@code "word1 ", "word2 ", …} (reasoning {@code "think1 ", …}), as in LibreChat's own
 * fake provider; prompt and completion token counts are {@link #promptTokens(int)} and the number of
 * tokens sent.
 */
public abstract class FakeServer<S extends FakeServer<S>> implements AutoCloseable {

    /** How a stream breaks off in {@link #failMidStream(int, Cut)}. */
    public enum Cut {
        /** The connection is dropped without ending the response body. */
        ABORT,
        /** The protocol's in-stream error event is sent and the response ends. */
        ERROR_EVENT
    }

    /** One request as received. Headers are looked up case-insensitively. */
    public record RecordedRequest(String method, String path, Map<String, List<String>> headers, String body) {

        public RecordedRequest {
            Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
            headers = Collections.unmodifiableMap(copy);
        }

        /** The first value of a header, or null. */
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.getFirst();
        }
    }

    /** What the subclass streams or answers for one request. */
    protected record Turn(String id, String model, String body, List<String> reasoning, List<String> text,
                          int promptTokens) {

        int completionTokens() {
            return reasoning.size() + text.size();
        }
    }

    private static final int RECORD_LIMIT = 1000;
    private static final Pattern MODEL = Pattern.compile("\"model\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final String prefix;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final ConcurrentLinkedDeque<RecordedRequest> recorded = new ConcurrentLinkedDeque<>();
    private final AtomicInteger requestCount = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile HttpServer server;
    private volatile int requestedPort;
    private volatile int tokens = 50;
    private volatile long delayMs;
    private volatile int reasoningTokens;
    private volatile int promptTokens = 10;
    private volatile String expectedKey;
    private volatile int failStatus;
    private volatile String failMessage;
    private volatile String failRetryAfter;
    private volatile int cutAfter = -1;
    private volatile Cut cut = Cut.ABORT;
    private volatile boolean hang;
    private volatile boolean includeUsage = true;
    private volatile boolean recording = true;
    private volatile boolean holdFirstToken;
    private volatile java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();

    /** @param prefix the API's path prefix, e.g. {@code /v1} */
    protected FakeServer(String prefix) {
        this.prefix = prefix;
    }

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
    }

    // ---- lifecycle

    /** The port to bind before {@link #start()}; 0 (the default) picks a free one. */
    public S onPort(int port) {
        this.requestedPort = port;
        return self();
    }

    /** Binds 127.0.0.1 and starts answering, one virtual thread per request. */
    public S start() {
        try {
            HttpServer created = HttpServer.create(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 4096);
            created.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            created.createContext("/", this::dispatch);
            created.start();
            server = created;
            return self();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** E.g. {@code http://127.0.0.1:51234/v1}: what a provider connection's baseUrl should be. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + prefix;
    }

    /** Stops at once, ending hung and running streams. */
    @Override
    public void close() {
        closed.countDown();
        HttpServer running = server;
        if (running != null) {
            running.stop(0);
        }
    }

    // ---- behaviour

    /** Answer tokens per response (default 50). */
    public S tokens(int count) {
        this.tokens = count;
        return self();
    }

    /** Pause before every streamed token but the first (default 0). */
    public S delayMs(long millis) {
        this.delayMs = millis;
        return self();
    }

    /**
     * Reasoning tokens sent before the answer (default 0): {@code reasoning_content} for OpenAI, a thinking
     * block when the request enables thinking for Anthropic, thought parts when the request asks to
     * include thoughts for Gemini.
     */
    public S reasoningTokens(int count) {
        this.reasoningTokens = count;
        return self();
    }

    /** The prompt token count reported in usage (default 10). */
    public S promptTokens(int count) {
        this.promptTokens = count;
        return self();
    }

    /** Rejects requests without this key the way the provider does; null (the default) accepts any. */
    public S expectKey(String key) {
        this.expectedKey = key;
        return self();
    }

    /** Answers the next {@code count} generation requests with {@code status} and the provider's error JSON. */
    public S failNext(int count, int status) {
        return failNext(count, status, null, null);
    }

    /**
     * Like {@link #failNext(int, int)} with the error's message (null for the provider's usual one) and a
     * {@code Retry-After} header value (null for none).
     */
    public S failNext(int count, int status, String message, String retryAfter) {
        this.failStatus = status;
        this.failMessage = message;
        this.failRetryAfter = retryAfter;
        this.failuresLeft.set(count);
        return self();
    }

    /**
     * Breaks every stream after {@code afterTokens} tokens (reasoning included; 0 = before the first) in
     * the given way, the token delay before the break as before a token. A negative count turns it off.
     * As with a real dropped connection, a client may lose what was still in flight at an ABORT: give
     * tests a delay so the tokens before the break arrive first.
     */
    public S failMidStream(int afterTokens, Cut how) {
        this.cut = how;
        this.cutAfter = afterTokens;
        return self();
    }

    /**
     * Sends the response head of streams and then nothing, and nothing at all for answers not streamed,
     * until closed (read-timeout tests).
     */
    public S hang(boolean hang) {
        this.hang = hang;
        return self();
    }

    /** Whether streams end with usage when the request asks for it (default true). */
    public S includeUsage(boolean include) {
        this.includeUsage = include;
        return self();
    }

    /** Whether requests are recorded (default true; the last 1000 are kept). */
    public S recording(boolean record) {
        this.recording = record;
        return self();
    }

    /**
     * Streams wait before their first token until {@code POST /fake/release} (then the next streams
     * wait for the next release); {@code GET /fake/waiting} counts the waiting ones. A benchmark uses
     * it to have many streams live at the same moment.
     */
    public S holdFirstToken(boolean hold) {
        this.holdFirstToken = hold;
        if (!hold) {
            release();
        }
        return self();
    }

    /** Lets the streams now waiting for their first token go on. */
    public void release() {
        java.util.concurrent.CountDownLatch released = gate;
        gate = new java.util.concurrent.CountDownLatch(1);
        released.countDown();
    }

    /** How many streams wait for {@link #release()}. */
    public int waiting() {
        return waiting.get();
    }

    private void control(String path, Exchange exchange) throws IOException {
        switch (path) {
            case "/fake/release" -> {
                release();
                exchange.json(200, "{\"released\":true}");
            }
            case "/fake/waiting" -> exchange.json(200, "{\"waiting\":" + waiting.get() + "}");
            default -> exchange.json(404, "{\"error\":\"unknown control\"}");
        }
    }

    /** A tool call the fake answers with instead of text: the tool's name and its arguments as JSON text. */
    public record ToolCallScript(String name, String argumentsJson, boolean always) {
    }

    private volatile ToolCallScript toolCall;

    /**
     * Streamed requests that offer tools and carry no tool result yet are answered with a call of
     * {@code name} (its arguments sent in pieces); the follow-up that carries the result gets text.
     */
    public S callTool(String name, String argumentsJson) {
        this.toolCall = new ToolCallScript(name, argumentsJson, false);
        return self();
    }

    /** Every streamed request that offers tools is answered with a call of {@code name}: a model that never stops. */
    public S callToolForever(String name, String argumentsJson) {
        this.toolCall = new ToolCallScript(name, argumentsJson, true);
        return self();
    }

    /** The call to stream for this request, or null for text. */
    protected ToolCallScript toolCallFor(Turn turn) {
        ToolCallScript script = toolCall;
        if (script == null || !turn.body().contains("\"tools\"")) {
            return null;
        }
        return script.always() || !hasToolResult(turn.body()) ? script : null;
    }

    /** Whether the request already carries a tool's result (the provider's own shape of it). */
    protected boolean hasToolResult(String body) {
        return false;
    }

    /** The arguments in three pieces, as models stream them. */
    protected static List<String> pieces(String text) {
        int third = Math.max(1, text.length() / 3);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < text.length(); i += third) {
            out.add(text.substring(i, Math.min(text.length(), i + third)));
        }
        return out;
    }

    /** Back to defaults for failures, hangs and tool calls; answer shape and recordings stay. */
    public S healthy() {
        toolCall = null;
        failuresLeft.set(0);
        cutAfter = -1;
        hang = false;
        return self();
    }

    // ---- what was received

    /** Recorded requests, oldest first. */
    public List<RecordedRequest> requests() {
        return new ArrayList<>(recorded);
    }

    /** The latest recorded request, or null. */
    public RecordedRequest lastRequest() {
        return recorded.peekLast();
    }

    /** Every request answered so far, recorded or not. */
    public int requestCount() {
        return requestCount.get();
    }

    public S clearRequests() {
        recorded.clear();
        return self();
    }

    // ---- the protocol, supplied by subclasses

    /** Answers a models list, or returns false when the request is something else. */
    protected abstract boolean handleModels(String method, String path, Exchange exchange) throws IOException;

    /** Whether the request is a generation call this fake answers (streamed or not). */
    protected abstract boolean isGeneration(String method, String path);

    protected abstract boolean isStreamed(String path, String body);

    /** Whether the request asks for reasoning the fake should send. */
    protected abstract boolean wantsReasoning(String body);

    /** The model the request names. */
    protected abstract String model(String path, String body);

    /**
     * The provider's rejection of a request without the headers it requires, or with a key other than
     * {@code expectedKey} (null: any key passes); null when it passes.
     */
    protected abstract Rejection checkKey(Exchange exchange, String expectedKey);

    /** The provider's error JSON for {@code status}; {@code message} null means its usual text. */
    protected abstract String errorBody(int status, String message);

    protected abstract void stream(Turn turn, Stream stream) throws IOException;

    protected abstract String answer(Turn turn);

    /** The protocol's in-stream error event (Cut.ERROR_EVENT). */
    protected abstract String errorEvent();

    /** A refusal of a request: status and the provider's error body. */
    protected record Rejection(int status, String body) {
    }

    // ---- plumbing

    private void dispatch(HttpExchange http) {
        boolean aborted = false;
        try {
            respond(http, new Exchange(http));
        } catch (Aborted abort) {
            // left unclosed on purpose: the server then drops the connection without ending the body
            aborted = true;
            throw abort;
        } catch (IOException | InterruptedException gone) {
            // the client went away, the server is closing, or a stream ended with an error event
        } finally {
            if (!aborted) {
                http.close();
            }
        }
    }

    private void respond(HttpExchange http, Exchange exchange) throws IOException, InterruptedException {
        String body = new String(http.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String method = http.getRequestMethod();
        String path = http.getRequestURI().getRawPath();
        if (path.startsWith("/fake/")) {
            control(path, exchange);
            return;
        }
        String query = http.getRequestURI().getRawQuery();
        requestCount.incrementAndGet();
        if (recording) {
            recorded.addLast(new RecordedRequest(method, query == null ? path : path + "?" + query,
                    http.getRequestHeaders(), body));
            while (recorded.size() > RECORD_LIMIT) {
                recorded.pollFirst();
            }
        }
        Rejection rejected = checkKey(exchange, expectedKey);
        if (rejected != null) {
            exchange.json(rejected.status(), rejected.body());
            return;
        }
        if (handleModels(method, path, exchange)) {
            return;
        }
        if (!isGeneration(method, path)) {
            exchange.json(404, errorBody(404, "Unknown path " + path));
            return;
        }
        if (failuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            String retryAfter = failRetryAfter;
            if (retryAfter != null) {
                http.getResponseHeaders().set("Retry-After", retryAfter);
            }
            exchange.json(failStatus, errorBody(failStatus, failMessage));
            return;
        }
        Turn turn = turn(path, body);
        if (hang && !isStreamed(path, body)) {
            // an answer that is not streamed has its head sent with it: hanging means sending nothing at all
            closed.await(10, TimeUnit.MINUTES);
            return;
        }
        if (!isStreamed(path, body)) {
            exchange.json(200, answer(turn));
            return;
        }
        http.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        http.getResponseHeaders().set("Cache-Control", "no-cache");
        http.sendResponseHeaders(200, 0);
        if (hang) {
            http.getResponseBody().flush();
            closed.await(10, TimeUnit.MINUTES);
            return;
        }
        stream(turn, new Stream(http.getResponseBody()));
    }

    private Turn turn(String path, String body) {
        List<String> reasoning = new ArrayList<>();
        if (wantsReasoning(body)) {
            for (int i = 1; i <= reasoningTokens; i++) {
                reasoning.add("think" + i + " ");
            }
        }
        List<String> text = new ArrayList<>();
        for (int i = 1; i <= tokens; i++) {
            text.add("word" + i + " ");
        }
        return new Turn("fake-" + ids.incrementAndGet(), model(path, body), body, reasoning, text, promptTokens);
    }

    /** Whether streams should end with usage. */
    protected boolean includeUsage() {
        return includeUsage;
    }

    /** The {@code "model"} string of a JSON body, or "fake-model". */
    protected static String bodyModel(String body) {
        Matcher matcher = MODEL.matcher(body);
        return matcher.find() ? matcher.group(1) : "fake-model";
    }

    /** True when {@code body} has {@code "name": true} (whitespace as any JSON writer puts it). */
    protected static boolean hasTrue(String body, String name) {
        return Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*true").matcher(body).find();
    }

    /** A JSON string literal. */
    protected static String json(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** One request's response, for the subclasses. */
    protected static final class Exchange {

        private final HttpExchange http;

        Exchange(HttpExchange http) {
            this.http = http;
        }

        /** A request header, or null. */
        public String header(String name) {
            return http.getRequestHeaders().getFirst(name);
        }

        public String query() {
            return http.getRequestURI().getRawQuery();
        }

        public Headers responseHeaders() {
            return http.getResponseHeaders();
        }

        public void json(int status, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            http.getResponseHeaders().set("Content-Type", "application/json");
            http.sendResponseHeaders(status, bytes.length);
            http.getResponseBody().write(bytes);
        }
    }

    /** The response body of a stream: events go out at once; tokens are paced and may be cut. */
    protected final class Stream {

        private final OutputStream out;
        private int tokensSent;

        Stream(OutputStream out) {
            this.out = out;
        }

        /** Writes and flushes one event as given (it carries its own blank line). */
        public void event(String event) throws IOException {
            out.write(event.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** Writes one token's event after the configured delay, or breaks the stream when it is due. */
        public void token(String event) throws IOException {
            if (tokensSent == 0 && holdFirstToken) {
                java.util.concurrent.CountDownLatch current = gate;
                waiting.incrementAndGet();
                try {
                    current.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                } finally {
                    waiting.decrementAndGet();
                }
            }
            long delay = delayMs;
            if (tokensSent > 0 && delay > 0) {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
            checkCut();
            event(event);
            tokensSent++;
        }

        /** Breaks the stream now if it is due (also called at the end, for cuts after the last token). */
        public void checkCut() throws IOException {
            int after = cutAfter;
            if (after < 0 || tokensSent != after) {
                return;
            }
            if (cut == Cut.ABORT) {
                throw new Aborted();
            }
            event(errorEvent());
            throw new IOException("stream ended with an error event");
        }
    }

    /** Makes the server drop the connection mid-body. */
    private static final class Aborted extends RuntimeException {
        Aborted() {
            super("fake provider dropped the connection on purpose", null, false, false);
        }
    }

    /** For the subclasses' {@code main}: {@code --port N --delay-ms N --tokens N}; runs until killed. */
    protected static void serve(FakeServer<?> fake, String[] args) throws InterruptedException {
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port" -> fake.onPort(Integer.parseInt(value));
                case "--delay-ms" -> fake.delayMs(Long.parseLong(value));
                case "--tokens" -> fake.tokens(Integer.parseInt(value));
                case "--reasoning-tokens" -> fake.reasoningTokens(Integer.parseInt(value));
                case "--hold-first-token" -> fake.holdFirstToken(Boolean.parseBoolean(value));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (expected --port N --delay-ms N --tokens N [--reasoning-tokens N] [--hold-first-token true])");
            }
            i++;
        }
        fake.recording(false).start();
        System.out.println("listening on " + fake.port());
        System.out.flush();
        fake.closed.await();
    }
}
