package io.parley.common.mongo.embedded;

import java.util.concurrent.atomic.AtomicLong;
import org.h2.mvstore.MVStore;

/**
 * Makes a write durable before it is acknowledged: the store's changes are committed and the file
 * synced. Writers that arrive while a commit is under way wait for it and find their change covered by
 * the next one, so concurrent writes share one sync (a group commit) instead of one each.
 *
 * <p>H2's housekeeping ran on its background writer, which is off (see {@link IndexedH2Backend}), and
 * with a commit per write its default retention (old chunks kept 45 s in case the disk has not flushed
 * them yet, H2's documentation says) let the file grow by a chunk per write for 45 s. Every commit here
 * is synced, so old chunks may be reused after a second, and every {@link #COMPACT_EVERY} commits the
 * sparsest chunks are rewritten: the file stays near the size of what it holds.
 */
final class GroupCommit {

    static final int COMPACT_EVERY = 256;
    private static final int RETENTION_MILLIS = 1000;
    private static final int TARGET_FILL_RATE = 50;
    private static final int COMPACT_WRITE_BYTES = 4 * 1024 * 1024;

    private final MVStore store;
    private int commitsSinceCompaction;
    /** One ticket per finished write, in order. */
    private final AtomicLong written = new AtomicLong();
    /** Every write up to this ticket is on disk. */
    private long durable;

    GroupCommit(MVStore store) {
        this.store = store;
        store.setRetentionTime(RETENTION_MILLIS);
    }

    /** Returns once every change made before the call is committed and synced to the file. */
    void awaitDurable() {
        // Taken after the change was applied: any commit that starts later includes it. (The store's
        // version is no ticket: a commit with nothing to store does not move it on.)
        long mine = written.incrementAndGet();
        synchronized (this) {
            if (durable >= mine) {
                return;
            }
            long upTo = written.get();
            store.commit();
            store.sync();
            durable = upTo;
            if (++commitsSinceCompaction >= COMPACT_EVERY) {
                commitsSinceCompaction = 0;
                if (store.compact(TARGET_FILL_RATE, COMPACT_WRITE_BYTES)) {
                    store.commit();
                    store.sync();
                }
            }
        }
    }
}
