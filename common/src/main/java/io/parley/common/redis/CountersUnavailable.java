package io.parley.common.redis;

import java.time.Duration;

/**
 * The shared counters failed a moment ago and are not asked again yet (see {@code RedisCircuit}); the
 * failure was logged then, so callers need not log each request it affects.
 */
public final class CountersUnavailable extends IllegalStateException {

    CountersUnavailable(Duration openFor) {
        super("Redis failed within the last " + openFor.toSeconds() + " s; not asked again yet");
    }

    /** Whether {@code failure} (or its cause) is this. */
    public static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CountersUnavailable) {
                return true;
            }
        }
        return false;
    }
}
