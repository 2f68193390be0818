import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load for chat turns, JDK only (run with {@code java bench/ChatTurnBench.java <mode> ...}):
 * <pre>
 *   direct     &lt;fakeBaseUrl&gt; &lt;samples&gt;                     first chunk / [DONE] calling the fake model directly
 *   latency    &lt;gateway&gt; &lt;token&gt; &lt;endpoint&gt; &lt;samples&gt;        POST to first delta / to final through the gateway
 *   throughput &lt;gateway&gt; &lt;token&gt; &lt;endpoint&gt; &lt;seconds&gt; &lt;workers&gt;  whole turns per second
 *   streams    &lt;gateway&gt; &lt;token&gt; &lt;endpoint&gt; &lt;count&gt; &lt;tokenDelayMs&gt; &lt;fakeBaseUrl&gt;  that many live streams at once
 * </pre>
 */
public class ChatTurnBench {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    static final Pattern CONVO = Pattern.compile("\"conversationId\":\"([0-9a-f-]{36})\"");
    static final String NO_PARENT = "00000000-0000-0000-0000-000000000000";

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "direct" -> direct(args[1], Integer.parseInt(args[2]));
            case "latency" -> latency(args[1], args[2], args[3], Integer.parseInt(args[4]));
            case "throughput" -> throughput(args[1], args[2], args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            case "streams" -> streams(args[1], args[2], args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]), args[6]);
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    /** Nanosecond marks of one turn: POST sent, first delta, final event; and each delta's arrival. */
    record Turn(long start, long firstDelta, long fin, List<Long> deltas, boolean ok) {
    }

    static Turn turn(String base, String token, String endpoint, boolean keepDeltas) throws Exception {
        long start = System.nanoTime();
        String convo = startTurn(base, token, endpoint);
        if (convo == null) {
            return new Turn(start, 0, 0, List.of(), false);
        }
        HttpResponse<java.io.InputStream> stream = HTTP.send(vouched(HttpRequest.newBuilder(
                        URI.create(base + "/api/agents/chat/stream/" + convo)))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        long first = 0;
        List<Long> deltas = keepDeltas ? new ArrayList<>(64) : null;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.startsWith("data: ")) {
                    continue;
                }
                if (line.contains("\"on_message_delta\"")) {
                    long now = System.nanoTime();
                    if (first == 0) {
                        first = now;
                    }
                    if (deltas != null) {
                        deltas.add(now);
                    }
                } else if (line.startsWith("data: {\"final\":true")) {
                    return new Turn(start, first, System.nanoTime(), deltas, !line.contains("\"aborted\":true"));
                }
            }
        }
        return new Turn(start, first, 0, deltas, false);
    }

    static void direct(String fakeBase, int samples) throws Exception {
        List<Double> first = new ArrayList<>();
        List<Double> done = new ArrayList<>();
        for (int i = 0; i < samples + 5; i++) {
            long start = System.nanoTime();
            HttpResponse<java.io.InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create(fakeBase + "/chat/completions"))
                    .header("Authorization", "Bearer fake-key").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"fake-model\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Benchmark question\"}]}"))
                    .build(), HttpResponse.BodyHandlers.ofInputStream());
            long firstAt = 0;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (firstAt == 0 && line.contains("\"content\":\"")) {
                        firstAt = System.nanoTime();
                    }
                    if (line.equals("data: [DONE]")) {
                        break;
                    }
                }
            }
            if (i >= 5) {
                first.add(ms(firstAt - start));
                done.add(ms(System.nanoTime() - start));
            }
        }
        System.out.printf("direct   first token p50 %.1f ms p99 %.1f ms | whole answer p50 %.1f ms p99 %.1f ms (%d samples)%n",
                pct(first, 50), pct(first, 99), pct(done, 50), pct(done, 99), samples);
    }

    static void latency(String base, String token, String endpoint, int samples) throws Exception {
        List<Double> first = new ArrayList<>();
        List<Double> fin = new ArrayList<>();
        for (int i = 0; i < samples + 5; i++) {
            Turn turn = turn(base, token, endpoint, false);
            if (!turn.ok()) {
                throw new IllegalStateException("A turn failed");
            }
            if (i >= 5) {
                first.add(ms(turn.firstDelta() - turn.start()));
                fin.add(ms(turn.fin() - turn.start()));
            }
        }
        System.out.printf("gateway  first delta p50 %.1f ms p99 %.1f ms | final p50 %.1f ms p99 %.1f ms (%d samples)%n",
                pct(first, 50), pct(first, 99), pct(fin, 50), pct(fin, 99), samples);
    }

    static void throughput(String base, String token, String endpoint, int seconds, int workers) throws Exception {
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long until = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < workers; w++) {
                pool.execute(() -> {
                    while (System.nanoTime() < until) {
                        try {
                            if (turn(base, token, endpoint, false).ok()) {
                                done.incrementAndGet();
                            } else {
                                failed.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        }
                    }
                });
            }
        }
        System.out.printf("throughput %.1f turns/s (%d turns of 50 tokens in %d s, %d workers, %d failed)%n",
                done.get() / (double) seconds, done.get(), seconds, workers, failed.get());
    }

    /**
     * N turns started and attached first (the fake model holds every answer before its first token),
     * then released at one moment: N streams are live at once for the length of one answer.
     */
    static void streams(String base, String token, String endpoint, int count, int tokenDelayMs, String fakeBase)
            throws Exception {
        ConcurrentLinkedQueue<List<Long>> deltas = new ConcurrentLinkedQueue<>();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger attached = new AtomicInteger();
        AtomicLong lastFinal = new AtomicLong();
        Semaphore opening = new Semaphore(32);
        CountDownLatch finished = new CountDownLatch(count);
        long began = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                pool.execute(() -> {
                    try {
                        String convo;
                        opening.acquire();
                        try {
                            convo = startTurn(base, token, endpoint);
                        } finally {
                            opening.release();
                        }
                        List<Long> times = new ArrayList<>(64);
                        if (convo == null) {
                            throw new IllegalStateException("the turn did not start");
                        }
                        if (!follow(base, token, convo, times, attached)) {
                            throw new IllegalStateException("the stream ended without a final event");
                        }
                        deltas.add(times);
                        lastFinal.accumulateAndGet(System.nanoTime(), Math::max);
                    } catch (Exception e) {
                        if (failed.incrementAndGet() <= 3) {
                            System.out.println("   a stream failed: " + e);
                        }
                    } finally {
                        finished.countDown();
                    }
                });
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while ((attached.get() + failed.get() < count || waiting(fakeBase) < attached.get())
                    && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            double setup = ms(System.nanoTime() - began) / 1000;
            System.out.printf("streams %d: %d attached and waiting for the model after %.1f s; releasing%n",
                    count, attached.get(), setup);
            long released = System.nanoTime();
            HTTP.send(HttpRequest.newBuilder(URI.create(fakeBase.replace("/v1", "") + "/fake/release"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            finished.await();
            List<Double> added = new ArrayList<>();
            List<Double> firstAfterRelease = new ArrayList<>();
            for (List<Long> d : deltas) {
                if (!d.isEmpty()) {
                    firstAfterRelease.add(ms(d.getFirst() - released));
                }
                for (int i = 1; i < d.size(); i++) {
                    added.add(Math.max(0, ms(d.get(i) - d.get(i - 1)) - tokenDelayMs));
                }
            }
            System.out.printf("   %d live at once, %d complete, %d failed; release to first delta p50 %.0f ms p99 %.0f ms; "
                            + "added inter-token delay p50 %.1f ms p99 %.1f ms max %.1f ms; last final %.1f s after release%n",
                    attached.get(), deltas.size(), failed.get(), pct(firstAfterRelease, 50), pct(firstAfterRelease, 99),
                    pct(added, 50), pct(added, 99), pct(added, 100), ms(lastFinal.get() - released) / 1000);
        }
    }

    /**
     * The gateway's assertion (see common's EdgeAssertion), for requests straight to a service: the
     * benchmark is given the installation's PARLEY_EDGE_KEY. Through the gateway it is replaced.
     */
    static HttpRequest.Builder vouched(HttpRequest.Builder request) throws Exception {
        String key = System.getenv("PARLEY_EDGE_KEY");
        if (key == null || key.isBlank()) {
            return request;
        }
        byte[] raw = java.util.HexFormat.of().parseHex(key.strip());
        String keyId = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(raw), 0, 4);
        long now = System.currentTimeMillis() / 1000;
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(raw, "HmacSHA256"));
        byte[] signed = mac.doFinal((now + "\n\n").getBytes(StandardCharsets.UTF_8));
        return request.header("X-Parley-Edge", keyId + "." + now + "."
                + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(signed));
    }

    static String startTurn(String base, String token, String endpoint) throws Exception {
        String body = "{\"text\":\"Benchmark question\",\"sender\":\"User\",\"isCreatedByUser\":true,\"parentMessageId\":\""
                + NO_PARENT + "\",\"endpoint\":\"" + endpoint + "\",\"model\":\"fake-model\"}";
        HttpResponse<String> started = HTTP.send(vouched(HttpRequest.newBuilder(URI.create(base + "/api/agents/chat/" + endpoint)))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher convo = CONVO.matcher(started.body());
        return started.statusCode() == 200 && convo.find() ? convo.group(1) : null;
    }

    /** Follows one stream to its final event, noting when each delta arrived. */
    static boolean follow(String base, String token, String convo, List<Long> times, AtomicInteger attached) throws Exception {
        HttpResponse<java.io.InputStream> stream = HTTP.send(vouched(HttpRequest.newBuilder(
                        URI.create(base + "/api/agents/chat/stream/" + convo)))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (stream.statusCode() != 200) {
            throw new IllegalStateException("the stream answered " + stream.statusCode() + ": "
                    + new String(stream.body().readAllBytes(), StandardCharsets.UTF_8));
        }
        boolean counted = false;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.startsWith("data: ")) {
                    continue;
                }
                if (!counted && line.startsWith("data: {\"created\":true")) {
                    attached.incrementAndGet();
                    counted = true;
                } else if (line.contains("\"on_message_delta\"")) {
                    times.add(System.nanoTime());
                } else if (line.startsWith("data: {\"final\":true")) {
                    return !line.contains("\"aborted\":true");
                }
            }
        }
        return false;
    }

    static int waiting(String fakeBase) throws Exception {
        String body = HTTP.send(HttpRequest.newBuilder(URI.create(fakeBase.replace("/v1", "") + "/fake/waiting")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("\"waiting\":(\\d+)").matcher(body);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    static double pct(List<Double> values, int p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
