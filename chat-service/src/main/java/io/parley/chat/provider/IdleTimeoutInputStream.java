package io.parley.chat.provider;

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

    @Override
    public void close() throws IOException {
        closed = true;
        ScheduledFuture<?> pending = check;
        if (pending != null) {
            pending.cancel(false);
        }
        in.close();
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
        try {
            close();
        } catch (IOException ignored) {
            // closing is what ends the blocked read; a failure to close changes nothing more
        }
    }
}
