package io.parley.auth.audit;

import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.util.MultiValueMap;

/**
 * Reading a tenant's audit log: pages, one entry, the export and the chain's verification, for those holding
 * LibreChat's {@code read:audit_log} (a tenant's ADMIN role holds it); the log has no route that changes it.
 */
@Service
class AuditLog {

    static final int MAX_EXPORT_ROWS = 100_000;
    static final int MAX_VERIFY_ROWS = 100_000;

    private final AuditLogStore store;
    private final AuditReaders readers;

    AuditLog(AuditLogStore store, AuditReaders readers) {
        this.store = store;
        this.readers = readers;
    }

    record Page(List<AuditLogView> entries, long total, @Nullable Long nextCursor) {
    }

    /** LibreChat's {@code AuditChainVerification}. */
    record Verification(boolean ok, String chainKey, long checked, @Nullable Long brokenAt, @Nullable String reason,
                        @Nullable Range range) {
    }

    record Range(long firstSeq, long lastSeq) {
    }

    Page page(CurrentUser caller, MultiValueMap<String, String> params) {
        requireReader(caller);
        AuditLogQuery query = AuditLogQuery.of(caller.tenantId(), params);
        List<AuditEntry> entries = store.page(query.filter(), query.offset(), query.limit() + 1);
        boolean more = entries.size() > query.limit();
        List<AuditEntry> shown = more ? entries.subList(0, query.limit()) : entries;
        return new Page(shown.stream().map(AuditLogView::of).toList(), store.count(query.filter()),
                more ? shown.getLast().seq() : null);
    }

    AuditLogView entry(CurrentUser caller, String id) {
        requireReader(caller);
        return store.byId(caller.tenantId(), id).map(AuditLogView::of)
                .orElseThrow(() -> new ApiException.NotFound("Audit log entry not found"));
    }

    /** Checks the filters before the first row is written, so a bad filter is still a 400. */
    Consumer<Consumer<AuditEntry>> export(CurrentUser caller, MultiValueMap<String, String> params) {
        requireReader(caller);
        AuditLogQuery query = AuditLogQuery.of(caller.tenantId(), params);
        return row -> {
            try (Stream<AuditEntry> entries = store.newestFirst(query.filter(), MAX_EXPORT_ROWS)) {
                entries.forEach(row);
            }
        };
    }

    Verification verify(CurrentUser caller) {
        requireReader(caller);
        String chainKey = caller.tenantId();
        try (Stream<AuditEntry> chain = store.inChainOrder(chainKey, MAX_VERIFY_ROWS + 1)) {
            Iterator<AuditEntry> entries = chain.iterator();
            long checked = 0;
            long first = 0;
            long expectedSeq = 1;
            String expectedPrev = AuditChain.GENESIS;
            while (entries.hasNext()) {
                AuditEntry entry = entries.next();
                if (checked == MAX_VERIFY_ROWS) {
                    return new Verification(false, chainKey, checked, entry.seq(),
                            "more than " + MAX_VERIFY_ROWS + " entries; the rest were not checked", range(first, expectedSeq - 1));
                }
                checked++;
                if (first == 0) {
                    first = entry.seq();
                }
                String broken = entry.seq() != expectedSeq ? (entry.seq() > expectedSeq ? "gap: an entry is missing"
                        : "sequence out of order")
                        : !entry.prevHash().equals(expectedPrev) ? "broken link: prevHash does not match the entry before"
                        : !entry.hash().equals(AuditChain.hash(entry)) ? "hash mismatch: the entry was changed" : null;
                if (broken != null) {
                    return new Verification(false, chainKey, checked, expectedSeq, broken, range(first, entry.seq()));
                }
                expectedSeq++;
                expectedPrev = entry.hash();
            }
            return new Verification(true, chainKey, checked, null, null, checked == 0 ? null : range(first, expectedSeq - 1));
        }
    }

    private static Range range(long first, long last) {
        return new Range(first, last);
    }

    private void requireReader(CurrentUser caller) {
        if (!readers.mayRead(caller)) {
            throw new ApiException.Forbidden("Forbidden");
        }
    }
}
