package io.parley.chat.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The events of one job in order, from the first: replayed, then followed as they happen. */
public interface EventFeed extends AutoCloseable {

    /**
     * The next event, waiting at most {@code wait}; null when none came in time (the job is still
     * running) or, once {@link #ended()}, never again.
     */
    StreamEvent next(Duration wait) throws InterruptedException;

    /** Every event available now, without waiting: what a late follower missed. */
    default List<StreamEvent> ready() throws InterruptedException {
        List<StreamEvent> events = new ArrayList<>();
        for (StreamEvent event = next(Duration.ZERO); event != null; event = next(Duration.ZERO)) {
            events.add(event);
        }
        return events;
    }

    /** True once the feed has handed out its terminal event or the job vanished. */
    boolean ended();

    @Override
    void close();
}
