package io.parley.chat.stream;

import io.parley.chat.provider.Cancellation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A job running in this instance: its events so far and the feeds following it. A feed gets its own
 * queue, so a slow or vanished client never slows the generation.
 */
public final class LiveJob {

    private final JobKey key;
    private final Cancellation cancellation = new Cancellation();
    private final ReentrantLock lock = new ReentrantLock();
    private final List<StreamEvent> events = new ArrayList<>();
    private final List<LocalFeed> feeds = new ArrayList<>();
    private final ContentAggregate content = new ContentAggregate();
    private volatile JobInfo info;
    private volatile boolean ended;
    private volatile boolean superseded;
    private volatile long endedAt;
    private final Emitted emitted;

    /** Where each event also goes (the shared log of other instances), in order. */
    interface Emitted {
        void emitted(JobKey key, StreamEvent event);
    }

    LiveJob(JobKey key, JobInfo info, Emitted emitted) {
        this.key = key;
        this.info = info;
        this.emitted = emitted;
    }

    public JobKey key() {
        return key;
    }

    public JobInfo info() {
        return info;
    }

    /** Triggered by an abort, from any thread; the generation sees it through the provider call. */
    public Cancellation cancellation() {
        return cancellation;
    }

    public boolean aborted() {
        return cancellation.isCancelled();
    }

    /**
     * True once this instance gave the job up: another instance took it over (its lease lapsed) or
     * this one is stopping. The job then stops, writes nothing shared (no message, no settlement, no
     * shared event) and only tells the followers of this instance: the instance that takes it over
     * finishes it.
     */
    public boolean superseded() {
        return superseded;
    }

    void supersede() {
        superseded = true;
        cancellation.cancel();
    }

    /**
     * Appends an event and hands it to every follower. Called by the job's own thread only. Once the job
     * is superseded, the event stays in this instance.
     */
    public void emit(StreamEvent event) {
        lock.lock();
        try {
            if (ended) {
                return;
            }
            events.add(event);
            content.add(event);
            for (LocalFeed feed : feeds) {
                feed.queue.add(event);
            }
            if (event.terminal()) {
                ended = true;
                endedAt = System.nanoTime();
            }
        } finally {
            lock.unlock();
        }
        if (!superseded) {
            emitted.emitted(key, event);
        }
    }

    void status(JobInfo.Status status) {
        info = info.with(status);
    }

    boolean ended() {
        return ended;
    }

    boolean endedBefore(long nanoTime) {
        return ended && endedAt - nanoTime < 0;
    }

    /** The text and reasoning parts streamed so far, as LibreChat's content parts. */
    public List<io.parley.chat.message.ContentPart> contentSoFar() {
        lock.lock();
        try {
            return content.parts();
        } finally {
            lock.unlock();
        }
    }

    EventFeed feed() {
        lock.lock();
        try {
            LocalFeed feed = new LocalFeed();
            feed.queue.addAll(events);
            if (!ended) {
                feeds.add(feed);
            }
            return feed;
        } finally {
            lock.unlock();
        }
    }

    private final class LocalFeed implements EventFeed {

        private final BlockingQueue<StreamEvent> queue = new LinkedBlockingQueue<>();
        private boolean done;

        @Override
        public StreamEvent next(Duration wait) throws InterruptedException {
            if (done) {
                return null;
            }
            StreamEvent event = queue.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
            if (event != null && event.terminal()) {
                done = true;
                close();
            }
            return event;
        }

        @Override
        public boolean ended() {
            return done;
        }

        @Override
        public void close() {
            lock.lock();
            try {
                feeds.remove(this);
            } finally {
                lock.unlock();
            }
        }
    }
}
