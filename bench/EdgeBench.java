import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Helper of bench/edge.sh, JDK only, compiled together with ChatTurnBench.java (whose turn start, model
 * probe and percentiles it uses) and run as {@code java -cp <classes> EdgeBench <mode> ...}:
 * <pre>
 *   seed    &lt;gateway&gt; &lt;token&gt; &lt;ownConvos&gt; &lt;users&gt; &lt;convosPerUser&gt; &lt;parallel&gt;
 *           the measured person's conversations, then that many other people (register, login) with
 *           theirs, through POST /api/convos/import (one file per person); prints a RESULT line
 *   streams &lt;base&gt; &lt;token&gt; &lt;endpoint&gt; &lt;count&gt; &lt;fakeBaseUrl&gt;
 *           that many turns started and attached while the fake model holds them, released at once;
 *           whole turn = release to final event; prints a RESULT line
 * </pre>
 * RESULT lines are {@code RESULT key=value ...} for the script to read.
 */
public class EdgeBench {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");
    static final Pattern COUNT = Pattern.compile("\"count\":\"?(\\d+)");
    static final String PASSWORD = "Edge-Bench-Password-1";

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "seed" -> seed(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]), Integer.parseInt(args[6]));
            case "streams" -> streams(args[1], args[2], args[3], Integer.parseInt(args[4]), args[5]);
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.exit(0);
    }

    // ---- seeding

    static void seed(String base, String ownToken, int ownConvos, int users, int perUser, int parallel) throws Exception {
        long began = System.nanoTime();
        AtomicInteger imported = new AtomicInteger(importConvos(base, ownToken, ownConvos, "own"));
        AtomicInteger people = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        String run = UUID.randomUUID().toString().substring(0, 8);
        Semaphore slots = new Semaphore(parallel);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int u = 0; u < users; u++) {
                int index = u;
                pool.execute(() -> {
                    try {
                        slots.acquire();
                        try {
                            String email = "edge-other-" + run + "-" + index + "@example.com";
                            post(base, "/api/auth/register", null, "{\"name\":\"Other Person " + index + "\",\"email\":\""
                                    + email + "\",\"password\":\"" + PASSWORD + "\",\"confirm_password\":\"" + PASSWORD + "\"}");
                            String login = post(base, "/api/auth/login", null,
                                    "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
                            Matcher token = TOKEN.matcher(login);
                            if (!token.find()) {
                                throw new IllegalStateException("no token in the login answer: " + login);
                            }
                            imported.addAndGet(importConvos(base, token.group(1), perUser, "other " + index));
                            people.incrementAndGet();
                        } finally {
                            slots.release();
                        }
                    } catch (Exception e) {
                        if (failed.incrementAndGet() <= 3) {
                            System.out.println("   seeding a person failed: " + e);
                        }
                    }
                });
            }
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        System.out.printf("   seeded %d conversations: %d of the measured person, %d other people × %d (%d failed) in %.1f s%n",
                imported.get(), ownConvos, people.get(), perUser, failed.get(), seconds);
        System.out.printf("RESULT convos=%d people=%d failed=%d seconds=%.1f%n", imported.get(), people.get(), failed.get(), seconds);
        if (failed.get() > 0) {
            System.exit(1);
        }
    }

    /** One import file in chatbot-ui's shape (several conversations per file), two messages each. */
    static int importConvos(String base, String token, int count, String owner) throws Exception {
        StringBuilder json = new StringBuilder("{\"version\":4,\"history\":[");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\":\"c").append(i).append("\",\"name\":\"Conversation ").append(i)
                    .append(" of ").append(owner).append("\",\"model\":{\"id\":\"fake-model\"},\"messages\":[")
                    .append("{\"role\":\"user\",\"content\":\"Question ").append(i).append(" from ").append(owner).append("\"},")
                    .append("{\"role\":\"assistant\",\"content\":\"Answer ").append(i).append(" to ").append(owner).append("\"}]}");
        }
        json.append("]}");
        String boundary = "edge" + UUID.randomUUID().toString().replace("-", "");
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"import.json\"\r\n"
                + "Content-Type: application/json\r\n\r\n" + json + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/convos/import"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .timeout(Duration.ofSeconds(120)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher imported = COUNT.matcher(response.body());
        if (response.statusCode() / 100 != 2 || !imported.find()) {
            throw new IllegalStateException("import answered " + response.statusCode() + ": " + response.body());
        }
        return Integer.parseInt(imported.group(1));
    }

    static String post(String base, String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    // ---- live streams

    /** Arrival times (nanoTime) of one stream's first delta and final event; 0 when not seen. */
    record Marks(long firstDelta, long fin) {
    }

    static void streams(String base, String token, String endpoint, int count, String fakeBase) throws Exception {
        ConcurrentLinkedQueue<Marks> done = new ConcurrentLinkedQueue<>();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger attached = new AtomicInteger();
        Semaphore opening = new Semaphore(32);
        CountDownLatch finished = new CountDownLatch(count);
        long began = System.nanoTime();
        long released;
        // not closed with try-with-resources: a stream stuck past the deadline must not hold the run forever
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
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
                    done.add(follow(base, token, convo, attached));
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
        while ((attached.get() + failed.get() < count || ChatTurnBench.waiting(fakeBase) < attached.get())
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        double setup = (System.nanoTime() - began) / 1e9;
        System.out.printf("   %d streams attached and held by the model after %.1f s; releasing%n", attached.get(), setup);
        released = System.nanoTime();
        HTTP.send(HttpRequest.newBuilder(URI.create(fakeBase.replace("/v1", "") + "/fake/release"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        if (!finished.await(3, TimeUnit.MINUTES)) {
            System.out.println("   streams still open 3 minutes after the release; counting them as failed");
        }
        pool.shutdownNow();
        List<Double> whole = new ArrayList<>();
        List<Double> first = new ArrayList<>();
        int ok = 0;
        for (Marks m : done) {
            if (m.fin() == 0) {
                continue;
            }
            ok++;
            whole.add((m.fin() - released) / 1e6);
            if (m.firstDelta() != 0) {
                first.add((m.firstDelta() - released) / 1e6);
            }
        }
        int bad = count - ok;
        System.out.printf("   %d streams: %d complete, %d failed; release to first delta p50 %.0f ms p99 %.0f ms; "
                        + "release to final (whole turn) p50 %.0f ms p99 %.0f ms max %.0f ms%n",
                count, ok, bad, ChatTurnBench.pct(first, 50), ChatTurnBench.pct(first, 99),
                ChatTurnBench.pct(whole, 50), ChatTurnBench.pct(whole, 99), ChatTurnBench.pct(whole, 100));
        System.out.printf("RESULT ok=%d failed=%d p50=%.1f p99=%.1f first_p50=%.1f first_p99=%.1f%n",
                ok, bad, ChatTurnBench.pct(whole, 50), ChatTurnBench.pct(whole, 99),
                ChatTurnBench.pct(first, 50), ChatTurnBench.pct(first, 99));
    }

    /** Starts a turn (ChatTurnBench's request); fails loudly when it did not start. */
    static String startTurn(String base, String token, String endpoint) throws Exception {
        String convo = ChatTurnBench.startTurn(base, token, endpoint);
        if (convo == null) {
            throw new IllegalStateException("the turn did not start");
        }
        return convo;
    }

    /** Follows one stream to its final event; an aborted or cut stream has no final mark. */
    static Marks follow(String base, String token, String convo, AtomicInteger attached) throws Exception {
        HttpResponse<java.io.InputStream> stream = HTTP.send(ChatTurnBench.vouched(HttpRequest.newBuilder(
                        URI.create(base + "/api/agents/chat/stream/" + convo)))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (stream.statusCode() != 200) {
            throw new IllegalStateException("the stream answered " + stream.statusCode() + ": "
                    + new String(stream.body().readAllBytes(), StandardCharsets.UTF_8));
        }
        boolean counted = false;
        long first = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.startsWith("data: ")) {
                    continue;
                }
                if (!counted && line.startsWith("data: {\"created\":true")) {
                    attached.incrementAndGet();
                    counted = true;
                } else if (first == 0 && line.contains("\"on_message_delta\"")) {
                    first = System.nanoTime();
                } else if (line.startsWith("data: {\"final\":true")) {
                    if (line.contains("\"aborted\":true")) {
                        throw new IllegalStateException("the turn was aborted");
                    }
                    return new Marks(first, System.nanoTime());
                }
            }
        }
        throw new IllegalStateException("the stream ended without a final event");
    }
}
