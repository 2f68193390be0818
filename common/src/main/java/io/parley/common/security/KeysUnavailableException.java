package io.parley.common.security;

import com.nimbusds.jose.KeySourceException;
import java.time.Duration;

/**
 * The verification keys cannot be had right now, so a token cannot be checked either way. Not the
 * caller's fault: answered 503 with {@code Retry-After}, never 401, which LibreChat's client takes
 * for a sign-out.
 */
public final class KeysUnavailableException extends KeySourceException {

    /** Sooner than this the keys are not asked for again anyway (see {@link JwkSources}). */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(3);

    public KeysUnavailableException(Throwable cause) {
        super("The verification keys cannot be fetched right now", cause);
    }

    /** Whether {@code e} or one of its causes says the keys were unavailable. */
    public static boolean isCauseOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof KeysUnavailableException) {
                return true;
            }
        }
        return false;
    }
}
