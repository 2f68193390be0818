package io.parley.chat.provider;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Stops calls from another thread: an adapter registers what it is blocked on (a response it reads,
 * a wait between retries) for as long as it is, and {@link #cancel()} closes all that is registered,
 * so blocked reads end at once. One cancellation may cover several calls of a turn at the same time
 * (the answer and its title).
 */
public final class Cancellation {

    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final Queue<Closeable> open = new ConcurrentLinkedQueue<>();

    public void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            closeAll();
        }
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /** What {@link #onCancel} registered; closing it takes the resource off again (it is not closed). */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** Registers what to close on cancel; closes it at once when cancel came first. */
    public Registration onCancel(Closeable resource) {
        open.add(resource);
        if (cancelled.get()) {
            closeAll();
        }
        return () -> open.remove(resource);
    }

    private void closeAll() {
        for (Closeable resource = open.poll(); resource != null; resource = open.poll()) {
            closeQuietly(resource);
        }
    }

    private static void closeQuietly(Closeable resource) {
        if (resource != null) {
            try {
                resource.close();
            } catch (IOException ignored) {
                // closing is how the read is interrupted; its failure changes nothing
            }
        }
    }
}
