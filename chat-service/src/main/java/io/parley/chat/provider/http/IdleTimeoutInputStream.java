package io.parley.chat.provider.http;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A response body that closes itself when one read has waited longer than the read timeout. The JDK
 * client only times a whole request, which would cut long answers; this times the silence instead.
 * Only time spent blocked in {@code read} counts, so a slow consumer never trips it. The blocked read
 * then fails with an IOException and {@link #timedOut()} tells why.
 */
final class IdleTimeoutInputStream extends InputStream {

    private static final long NOT_READING = Long.MIN_VALUE;

    private final InputStream in;
    private final long timeoutNanos;
    private final ScheduledExecutorService timer;
    private volatile long readingSince = NOT_READING;
    private volatile boolean timedOut;
    private volatile boolean closed;
    private volatile boolean handedOff;
    private volatile ScheduledFuture<?> check;

    private IdleTimeoutInputStream(InputStream in, Duration timeout, ScheduledExecutorService timer) {
        this.in = in;
        this.timeoutNanos = timeout.toNanos();
        this.timer = timer;
    }

    static IdleTimeoutInputStream watch(InputStream in, Duration timeout, ScheduledExecutorService timer) {
        IdleTimeoutInputStream watched = new IdleTimeoutInputStream(in, timeout, timer);
        watched.scheduleCheck(watched.timeoutNanos);
        return watched;
    }

    /** True when the stream was closed because the provider went silent. */
    boolean timedOut() {
        return timedOut;
    }

    @Override
    public int read() throws IOException {
        readingSince = System.nanoTime();
        try {
            return in.read();
        } finally {
            readingSince = NOT_READING;
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        readingSince = System.nanoTime();
        try {
            return in.read(b, off, len);
        } finally {
            readingSince = NOT_READING;
        }
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    /**
     * Reads what is left (at most {@code limit} bytes) on a virtual thread and then closes: an HTTP/1.1
     * connection goes back to the pool only once its body was read to the end, and a caller that has its
     * whole answer should not wait for that. Still bounded by the read timeout; {@link #close()} is then
     * left to the drain.
     */
    void drainInBackground(int limit) {
        handedOff = true;
        Thread.startVirtualThread(() -> {
            byte[] skip = new byte[4096];
            try {
                int total = 0;
                int read;
                while (total < limit && (read = read(skip, 0, skip.length)) >= 0) {
                    total += read;
                }
            } catch (IOException ignored) {
                // the connection cannot be reused and is simply closed
            } finally {
                shut();
            }
        });
    }

    @Override
    public void close() throws IOException {
        if (!handedOff) {
            shut();
        }
    }

    private void shut() {
        closed = true;
        ScheduledFuture<?> pending = check;
        if (pending != null) {
            pending.cancel(false);
        }
        try {
            in.close();
        } catch (IOException ignored) {
            // closing is what ends a blocked read; a failure to close changes nothing more
        }
    }

    private void scheduleCheck(long delayNanos) {
        if (closed) {
            return;
        }
        try {
            check = timer.schedule(this::checkIdle, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException shutDown) {
            // the timer is gone with its factory; the read then simply has no idle limit
        }
    }

    private void checkIdle() {
        if (closed) {
            return;
        }
        long since = readingSince;
        if (since == NOT_READING) {
            scheduleCheck(timeoutNanos);
            return;
        }
        long waited = System.nanoTime() - since;
        if (waited < timeoutNanos) {
            scheduleCheck(timeoutNanos - waited);
            return;
        }
        timedOut = true;
        shut();
    }
}
