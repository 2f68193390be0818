package io.parley.chat.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.chat.stream.EventFeed;
import io.parley.chat.stream.StreamEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class EventWriterTest {

    private static final Pattern TEXT = Pattern.compile("\"text\":\"(t\\d+)\"");

    @Test
    void everyDeltaArrivesOnceAndInOrderWhileManyStreamsRunAtOnce() throws Exception {
        int streams = 50;
        int tokens = 400;
        List<CompletableFuture<String>> outputs = new ArrayList<>();
        for (int s = 0; s < streams; s++) {
            QueueFeed feed = new QueueFeed();
            outputs.add(CompletableFuture.supplyAsync(() -> written(new EventWriter(Duration.ofMillis(5), 64), feed),
                    Executors.newVirtualThreadPerTaskExecutor()));
            Thread.ofVirtual().start(() -> {
                for (int i = 0; i < tokens; i++) {
                    feed.add(StreamEvent.delta("step", "text", "t" + i));
                    if (ThreadLocalRandom.current().nextInt(50) == 0) {
                        Thread.yield();
                    }
                }
                feed.add(StreamEvent.message(Map.of("final", true)));
            });
        }

        for (CompletableFuture<String> output : outputs) {
            String sse = output.get(30, TimeUnit.SECONDS);
            List<String> texts = new ArrayList<>();
            for (Matcher m = TEXT.matcher(sse); m.find(); ) {
                texts.add(m.group(1));
            }
            assertThat(texts).hasSize(tokens);
            for (int i = 0; i < tokens; i++) {
                assertThat(texts.get(i)).isEqualTo("t" + i);
            }
            assertThat(sse).endsWith("data: {\"final\":true}\n\n");
        }
    }

    @Test
    void aBurstOfEventsGoesOutInAFewFlushesNotOnePerEvent() throws Exception {
        QueueFeed feed = new QueueFeed();
        for (int i = 0; i < 1000; i++) {
            feed.add(StreamEvent.delta("step", "text", "t" + i));
        }
        feed.add(StreamEvent.message(Map.of("final", true)));
        AtomicInteger flushes = new AtomicInteger();

        new EventWriter(Duration.ofMillis(5), 64).pump(feed, new ByteArrayOutputStream(), flushes::incrementAndGet);

        assertThat(flushes.get()).isBetween(1, 1001 / 64 + 1);
    }

    @Test
    void aLoneEventIsFlushedAtOnceNotHeldForTheInterval() {
        QueueFeed feed = new QueueFeed();
        AtomicInteger flushes = new AtomicInteger();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                new EventWriter(Duration.ofHours(1), 64).pump(feed, out, flushes::incrementAndGet);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        feed.add(StreamEvent.delta("step", "text", "first"));
        await().atMost(Duration.ofSeconds(5)).until(() -> flushes.get() == 1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"text\":\"first\"");

        feed.add(StreamEvent.message(Map.of("final", true)));
        await().atMost(Duration.ofSeconds(5)).until(() -> !writer.isAlive());
        assertThat(out.toString(StandardCharsets.UTF_8)).endsWith("data: {\"final\":true}\n\n");
    }

    private static String written(EventWriter writer, EventFeed feed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.pump(feed, out, () -> { });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A job's events as a follower sees them, fed by the test. */
    private static final class QueueFeed implements EventFeed {

        private final BlockingQueue<StreamEvent> queue = new LinkedBlockingQueue<>();
        private volatile boolean ended;

        void add(StreamEvent event) {
            queue.add(event);
        }

        @Override
        public StreamEvent next(Duration wait) throws InterruptedException {
            if (ended) {
                return null;
            }
            StreamEvent event = queue.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
            if (event != null && event.terminal()) {
                ended = true;
            }
            return event;
        }

        @Override
        public boolean ended() {
            return ended;
        }

        @Override
        public void close() {
        }
    }
}
