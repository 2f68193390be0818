package io.parley.common.mongo.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import java.util.List;
import org.h2.mvstore.MVStore;
import org.jspecify.annotations.Nullable;

/**
 * An H2 database whose collections answer equality queries from their indexes and whose unique indexes, {@code _id}
 * included, are hash maps in memory (see {@link InMemoryUniqueIndex}) instead of H2 maps in the file.
 */
final class IndexedH2Database extends H2Database {

    /** Null while H2Database's constructor runs; see {@link #initializeNamespacesAndIndexes()}. */
    private final @Nullable MVStore store;

    IndexedH2Database(String name, MVStore store, CursorRegistry cursors) {
        super(name, store, cursors);
        this.store = store;
        initializeNamespacesAndIndexes();
    }

    /**
     * H2Database opens the stored collections and indexes from its constructor, before this class has its
     * store; opening is put off until the constructor above has set it, so that every collection, including
     * those reopened from the file, is an {@link IndexedH2Collection}.
     */
    @Override
    protected void initializeNamespacesAndIndexes() {
        if (store != null) {
            super.initializeNamespacesAndIndexes();
        }
    }

    /** The same maps, under the same names, as H2Database's own collections use: files stay interchangeable. */
    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        if (store == null) {
            throw new IllegalStateException("The H2 store is not set yet");
        }
        String namespace = getFullCollectionNamespace(collectionName);
        return new IndexedH2Collection(this, collectionName, options, store.openMap("databases." + namespace),
                store.openMap("meta." + namespace), cursorRegistry);
    }

    /**
     * The index starts empty and the collection fills it from its documents (the library does so for any empty index
     * it adds, also each index it finds in the file when reopening). The H2 map the library's own unique index would
     * have kept is removed if the file has one: it would go stale with the first write here, and a file opened by the
     * library's backend again (or an older Parley) must find no map rather than a stale one, so that it rebuilds it.
     */
    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                    boolean sparse) {
        if (store == null) {
            throw new IllegalStateException("The H2 store is not set yet");
        }
        String libraryMapName = getFullCollectionNamespace(collectionName) + "._index_" + indexName;
        if (store.hasMap(libraryMapName)) {
            store.removeMap(libraryMapName);
        }
        return new InMemoryUniqueIndex(indexName, keys, sparse);
    }

    @Override
    protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                       boolean sparse) {
        return SecondaryIndexes.placeholder(indexName, keys);
    }
}
