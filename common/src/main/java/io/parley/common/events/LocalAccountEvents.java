package io.parley.common.events;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link AccountEvents} without Redis: the event goes straight to this process's erasers, in the
 * caller's thread, and a failure reaches the caller. Other processes never hear of it.
 */
final class LocalAccountEvents implements AccountEvents {

    private static final Logger log = LoggerFactory.getLogger(LocalAccountEvents.class);

    private final AccountErasure erasure;

    LocalAccountEvents(AccountErasure erasure) {
        this.erasure = erasure;
        log.info("Account events stay in this process: other services erase a deleted account's data only when "
                + "every process shares a Redis (REDIS_URI)");
    }

    @Override
    public void publish(UserDeleted event) {
        erasure.erase(event);
    }
}
