package io.parley.common.events;

/**
 * Tells every service that an account is gone, so that each erases what it stores about the person
 * (its {@link AccountDataEraser}s). With Redis the event goes onto a stream that every service reads
 * in its own consumer group; without it, only this process's erasers are reached.
 */
public interface AccountEvents {

    /**
     * Returns once the event is stored on the stream, or, without Redis, once this process's erasers
     * are done with it.
     *
     * @throws RuntimeException when neither happened; the caller fails and may be retried
     */
    void publish(UserDeleted event);
}
