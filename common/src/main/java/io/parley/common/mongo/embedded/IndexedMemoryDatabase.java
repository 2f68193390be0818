package io.parley.common.mongo.embedded;

import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import java.util.List;

/** A memory database whose collections answer equality queries from their indexes. */
final class IndexedMemoryDatabase extends MemoryDatabase {

    IndexedMemoryDatabase(String name, CursorRegistry cursors) {
        super(name, cursors);
    }

    @Override
    protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
        return new IndexedMemoryCollection(this, collectionName, options, cursorRegistry);
    }

    @Override
    protected Index<Integer> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                        boolean sparse) {
        return SecondaryIndexes.placeholder(indexName, keys);
    }
}
