package io.parley.common.mongo.embedded;

import java.util.concurrent.atomic.AtomicLong;
import org.h2.mvstore.MVStore;

/**
 * Makes a write durable before it is acknowledged: the store's changes are committed and the file
 * synced. Writers that arrive while a commit is under way wait for it and find their change covered by
 * the next one, so concurrent writes share one sync (a group commit) instead of one each.
 */
final class GroupCommit {

    private final MVStore store;
    /** One ticket per finished write, in order. */
    private final AtomicLong written = new AtomicLong();
    /** Every write up to this ticket is on disk. */
    private long durable;

    GroupCommit(MVStore store) {
        this.store = store;
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
        }
    }
}
