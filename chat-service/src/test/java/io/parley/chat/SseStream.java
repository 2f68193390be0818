package io.parley.chat;

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
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/** A test's view of one SSE response, event by event as they arrive. */
public final class SseStream implements AutoCloseable {

    public record Event(String type, Map<String, Object> data) {

        public Object event() {
            return data.get("event");
        }

        public boolean isFinal() {
            return Boolean.TRUE.equals(data.get("final"));
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Event END = new Event("end", Map.of());
    /** Not an event type LibreChat sends: marks data that is not JSON. */
    private static final String MALFORMED = "parley-test-malformed";

    public final int status;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Thread reader;
    private final HttpResponse<java.io.InputStream> response;

    @SuppressWarnings("unchecked")
    public SseStream(String url, String... given) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        String[] headers = io.parley.common.test.TestEdge.vouched(given);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        status = response.statusCode();
        reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String type = "message";
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("event: ")) {
                        type = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                        String data = line.substring(6);
                        try {
                            events.add(new Event(type, JSON.readValue(data, Map.class)));
                        } catch (tools.jackson.core.JacksonException malformed) {
                            // A reader that skipped it would let a test pass over a broken event.
                            events.add(new Event(MALFORMED, Map.of("event", type, "data", data)));
                        }
                        type = "message";
                    }
                }
            } catch (java.io.IOException closed) {
                // the test closed the stream
            }
            events.add(END);
        });
    }

    /** The next event, or null when the stream ended; fails after 10 s of silence. */
    public Event next() throws InterruptedException {
        return next(Duration.ofSeconds(10));
    }

    /** The next event, or null when the stream ended; fails after {@code silence} without one. */
    public Event next(Duration silence) throws InterruptedException {
        Event event = events.poll(silence.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw new AssertionError("No event within " + silence);
        }
        if (MALFORMED.equals(event.type())) {
            throw new AssertionError("A malformed event: " + event.data());
        }
        return event == END ? null : event;
    }

    /** Every remaining event until the stream ends. */
    public List<Event> rest() throws InterruptedException {
        List<Event> all = new ArrayList<>();
        for (Event event = next(); event != null; event = next()) {
            all.add(event);
        }
        return all;
    }

    @Override
    public void close() throws Exception {
        response.body().close();
        reader.join(Duration.ofSeconds(5));
    }
}
