package io.parley.auth.audit;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Moves waiting events from the outbox onto their tenant's chain: reads the chain's head, links the entry to it,
 * appends it and then clears it from the outbox. Instances may drain at the same time: the unique {@code (chainKey,
 * seq)} index lets one of two appends at the same place win and the other retry on the new head, and the shared id
 * makes an entry appended by another instance (or before a crash) count as done.
 */
@Component
class AuditChainer implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AuditChainer.class);
    private static final int BATCH = 200;
    private static final int ATTEMPTS = 50;

    private final AuditLogStore store;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofPlatform()
            .name("audit-chainer").daemon(true).factory());
    private final AtomicBoolean scheduled = new AtomicBoolean();

    AuditChainer(AuditLogStore store) {
        this.store = store;
    }

    /** Asks for a drain without waiting; asks made while one is queued are one drain. */
    void drainSoon() {
        if (scheduled.compareAndSet(false, true)) {
            worker.execute(() -> {
                scheduled.set(false);
                drain();
            });
        }
    }

    /** Catches what a stopped instance or a failed store call left behind. */
    @Scheduled(fixedDelayString = "${parley.audit.sweep:PT5S}")
    void sweep() {
        drainSoon();
    }

    synchronized void drain() {
        try {
            List<PendingAuditEntry> batch;
            do {
                batch = store.pending(BATCH);
                for (PendingAuditEntry pending : batch) {
                    if (!chain(pending)) {
                        return;
                    }
                }
            } while (batch.size() == BATCH);
        } catch (RuntimeException e) {
            log.warn("Audit entries left in the outbox for the next sweep: {}", e.toString());
        }
    }

    private boolean chain(PendingAuditEntry pending) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<AuditEntry> head = store.head(pending.tenantId());
            AuditEntry entry = link(pending, head.map(h -> h.seq() + 1).orElse(1L),
                    head.map(AuditEntry::hash).orElse(AuditChain.GENESIS));
            if (store.append(entry) != AuditLogStore.Appended.SEQ_TAKEN) {
                store.unpark(pending.id());
                return true;
            }
        }
        log.warn("Audit chain busy, entry left for the next sweep tenant_id={} action={}", pending.tenantId(),
                pending.action());
        return false;
    }

    private static AuditEntry link(PendingAuditEntry pending, long seq, String prevHash) {
        AuditAction action = AuditAction.ofWire(pending.action()).orElseThrow();
        AuditEntry unsigned = new AuditEntry(pending.id(), pending.tenantId(), pending.tenantId(), seq, prevHash, "",
                AuditEntry.SCHEMA_VERSION, action.category(), action.wire(), pending.outcome(),
                action.severity().wire(), pending.actor(), pending.target(), pending.metadata(), pending.context(),
                pending.createdAt());
        return new AuditEntry(unsigned.id(), unsigned.tenantId(), unsigned.chainKey(), seq, prevHash,
                AuditChain.hash(unsigned), unsigned.schemaVersion(), unsigned.category(), unsigned.action(),
                unsigned.outcome(), unsigned.severity(), unsigned.actor(), unsigned.target(), unsigned.metadata(),
                unsigned.context(), unsigned.createdAt());
    }

    @Override
    public void destroy() {
        worker.shutdown();
    }
}
