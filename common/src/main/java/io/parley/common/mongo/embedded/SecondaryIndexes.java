package io.parley.common.mongo.embedded;

import de.bwaldvogel.mongo.backend.EmptyIndex;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import java.util.List;

/** What the library keeps for a non-unique index: nothing of its own, as the collection's lookups serve it. */
final class SecondaryIndexes {

    private SecondaryIndexes() {
    }

    /**
     * The library's own placeholder for an index it does not maintain (the same object it creates itself, minus
     * its "not yet implemented" warning). It tells the collection the index exists, its name and keys, which is
     * all {@link IndexLookups} needs; it is sparse to the library, so removing a document never asks it for a
     * position.
     */
    static <P> Index<P> placeholder(String indexName, List<IndexKey> keys) {
        return new EmptyIndex<>(indexName, keys);
    }
}
