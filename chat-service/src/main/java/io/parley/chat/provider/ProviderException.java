package io.parley.chat.provider;

/** A model call that did not finish. The message is safe to show a user: it never holds a key. */
public class ProviderException extends RuntimeException {

    private final int status;

    public ProviderException(String message, int status) {
        super(message);
        this.status = status;
    }

    public ProviderException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    /** The provider's HTTP status, or 0 when there was none (connection, timeout, parse). */
    public int status() {
        return status;
    }

    /** The call was cancelled by {@link Cancellation#cancel()}. */
    public static final class Cancelled extends ProviderException {
        public Cancelled() {
            super("Cancelled", 0);
        }
    }
}
