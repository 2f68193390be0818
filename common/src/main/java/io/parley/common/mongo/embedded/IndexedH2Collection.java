package io.parley.common.mongo.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.IndexBuildFailedException;
import de.bwaldvogel.mongo.exception.MongoServerError;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.type.DataType;
import org.jspecify.annotations.Nullable;

/**
 * An H2 collection whose queries read only the positions an index lookup lists when the filter pins an
 * index's leading fields (see {@link IndexLookups}). Positions are document ids, the keys of the H2 map, and
 * a scan visits them in the map's key order, so the lookups keep that order.
 *
 * <p>The lookups live in memory only: H2 keeps the documents across restarts, every index is added again when
 * the database is reopened, and its lookup is rebuilt from the stored documents when a query first needs it.
 * Unique indexes live in memory too ({@link InMemoryUniqueIndex}); they are filled when added, as the library
 * requires of a unique index.
 *
 * <p>Locking: as {@link IndexedMemoryCollection}.
 */
final class IndexedH2Collection extends H2Collection implements IndexedCollection {

    private final IndexLookups<Object> lookups;

    IndexedH2Collection(MongoDatabase database, String name, CollectionOptions options,
                        MVMap<Object, Document> documents, MVMap<String, Object> meta, CursorRegistry cursors) {
        super(database, name, options, documents, meta, cursors);
        this.lookups = new IndexLookups<>(keyOrderOf(documents), this::streamAllDocumentsWithPosition, this::count);
    }

    private static Comparator<Object> keyOrderOf(MVMap<Object, Document> documents) {
        DataType<Object> keyType = documents.getKeyType();
        // The map stores a null id as Missing (see H2Collection); compare positions as the map compares its keys.
        return (a, b) -> keyType.compare(Missing.ofNullable(a), Missing.ofNullable(b));
    }

    @Override
    protected QueryResult queryDocuments(Document query, @Nullable Document orderBy, int numberToSkip, int numberToReturn,
                                         int batchSize, @Nullable Document projection) {
        Optional<List<Object>> candidates = lookups.candidates(query, orderBy, getIndexes());
        if (candidates.isEmpty()) {
            return super.queryDocuments(query, orderBy, numberToSkip, numberToReturn, batchSize, projection);
        }
        return matchDocuments(query, candidates.get(), orderBy, numberToSkip, numberToReturn, batchSize, projection);
    }

    @Override
    protected Object addDocumentInternal(Document document) {
        Object position = super.addDocumentInternal(document);
        lookups.documentAdded(position, document);
        return position;
    }

    @Override
    protected void removeDocument(Object position) {
        lookups.documentRemoved(position, getDocument(position));
        super.removeDocument(position);
    }

    @Override
    protected void handleUpdate(Object position, Document before, Document after) {
        super.handleUpdate(position, before, after);
        lookups.documentUpdated(position, before, after);
    }

    @Override
    public synchronized void addIndex(Index<Object> index) {
        fillInOnePass(index);
        super.addIndex(index);
        lookups.indexAdded(index);
    }

    /**
     * Fills a new in-memory unique index from the stored documents before the library sees it. The library would
     * fill an empty index itself, but in two passes (check every document, then add every one), each reading the
     * whole collection from the file; this matters when a database is reopened and every unique index is rebuilt.
     * One pass is as safe: {@code add} checks each document before adding it, and an index that fails to build is
     * thrown away (the library would not add it either), with the same error as the library's.
     */
    private void fillInOnePass(Index<Object> index) {
        boolean isNew = getIndexes().stream().noneMatch(existing -> existing.getName().equals(index.getName()));
        if (!(index instanceof InMemoryUniqueIndex) || !index.isEmpty() || !isNew) {
            return;
        }
        try {
            streamAllDocumentsWithPosition().forEach(stored -> index.add(stored.getDocument(), stored.getPosition(), this));
        } catch (MongoServerError e) {
            throw new IndexBuildFailedException(e, this);
        }
    }

    @Override
    public synchronized void dropIndex(String indexName) {
        super.dropIndex(indexName);
        lookups.indexDropped(indexName);
    }

    @Override
    public synchronized int count(Document query, int skip, int limit) {
        return super.count(query, skip, limit);
    }

    @Override
    public synchronized long queriesAnsweredFromIndexes() {
        return lookups.queriesAnswered();
    }
}
