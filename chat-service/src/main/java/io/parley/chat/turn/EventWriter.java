package io.parley.chat.turn;

import io.parley.chat.stream.EventFeed;
import io.parley.chat.stream.StreamEvent;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;

/**
 * Writes a job's events to one client as server-sent events. Whatever arrives within
 * {@link #flushEvery} of the last flush goes out with it in one write, so a burst of tokens costs one
 * flush (and one chunk at every hop behind) instead of one per token; a lone event still goes out at
 * once. Order is the feed's; nothing is dropped.
 */
final class EventWriter {

    /** How long a follower waits for the next event before checking again. */
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final Duration flushEvery;
    private final int maxBatch;

    /**
     * @param flushEvery at most one flush per this interval while events keep coming
     * @param maxBatch   events written before a flush at the latest
     */
    EventWriter(Duration flushEvery, int maxBatch) {
        this.flushEvery = flushEvery;
        this.maxBatch = maxBatch;
    }

    /** Follows {@code feed} to its end. */
    void pump(EventFeed feed, OutputStream out, Flushable connection) throws IOException, InterruptedException {
        long lastFlush = System.nanoTime() - flushEvery.toNanos();
        while (!feed.ended()) {
            StreamEvent event = feed.next(WAIT);
            if (event == null) {
                continue;
            }
            long flushAt = Math.max(System.nanoTime(), lastFlush + flushEvery.toNanos());
            int batch = 0;
            while (event != null) {
                out.write(event.sse());
                if (event.terminal() || ++batch >= maxBatch) {
                    break;
                }
                long wait = flushAt - System.nanoTime();
                event = feed.next(wait > 0 ? Duration.ofNanos(wait) : Duration.ZERO);
            }
            connection.flush();
            lastFlush = System.nanoTime();
        }
    }
}
