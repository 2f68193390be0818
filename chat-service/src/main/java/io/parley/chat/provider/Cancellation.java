package io.parley.chat.provider;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stops a call from another thread: an adapter registers the response it is reading, and
 * {@link #cancel()} closes it, so the blocked read ends at once.
 */
public final class Cancellation {

    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicReference<Closeable> current = new AtomicReference<>();

    public void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            closeQuietly(current.getAndSet(null));
        }
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Registers what to close on cancel; closes it at once when cancel came first. */
    public void onCancel(Closeable resource) {
        current.set(resource);
        if (cancelled.get()) {
            closeQuietly(current.getAndSet(null));
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
