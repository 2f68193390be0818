package io.parley.common.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every {@link AccountDataEraser} of this process for one event and counts the outcome in
 * {@code parley.account.erasures} (tag {@code outcome}: {@code erased} or {@code failed}).
 */
final class AccountErasure {

    private static final Logger log = LoggerFactory.getLogger(AccountErasure.class);

    private final Supplier<List<AccountDataEraser>> erasers;
    private final Counter erased;
    private final Counter failed;

    /** @param erasers asked on every event, so that erasers are looked up only once the context is running */
    AccountErasure(Supplier<List<AccountDataEraser>> erasers, MeterRegistry meters) {
        this.erasers = erasers;
        this.erased = meters.counter("parley.account.erasures", "outcome", "erased");
        this.failed = meters.counter("parley.account.erasures", "outcome", "failed");
    }

    /**
     * Runs all erasers, also after one failed (so that as much as possible is gone at once).
     *
     * @throws RuntimeException the first failure, once every eraser has run
     */
    void erase(UserDeleted event) {
        RuntimeException failure = null;
        for (AccountDataEraser eraser : erasers.get()) {
            try {
                eraser.erase(event.tenantId(), event.userId());
            } catch (RuntimeException e) {
                log.warn("Account data not erased eraser={} event_id={} tenant_id={} user_id={}",
                        eraser.getClass().getSimpleName(), event.eventId(), event.tenantId(), event.userId(), e);
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            failed.increment();
            throw failure;
        }
        erased.increment();
        log.info("Account data erased event_id={} tenant_id={} user_id={}", event.eventId(), event.tenantId(),
                event.userId());
    }
}
