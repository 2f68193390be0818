package io.parley.common.mongo.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.bson.Document;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A memory collection whose queries read only the positions an index lookup lists when the filter pins an
 * index's leading fields (see {@link IndexLookups}). Positions are slots of the document list, so natural
 * order is ascending slot.
 *
 * <p>Locking: the library synchronises every public read and write on the collection; this class keeps its
 * lookups under the same lock and also synchronises adding and dropping indexes and counting, which the
 * library leaves open (so an index created while writes run no longer races them).
 */
final class IndexedMemoryCollection extends MemoryCollection implements IndexedCollection {

    private final IndexLookups<Integer> lookups =
            new IndexLookups<>(Comparator.naturalOrder(), this::streamAllDocumentsWithPosition, this::count);

    IndexedMemoryCollection(MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursors) {
        super(database, name, options, cursors);
    }

    @Override
    protected QueryResult queryDocuments(Document query, @Nullable Document orderBy, int numberToSkip, int numberToReturn,
                                         int batchSize, @Nullable Document projection) {
        Optional<List<Integer>> candidates = lookups.candidates(query, orderBy, getIndexes());
        if (candidates.isEmpty()) {
            return super.queryDocuments(query, orderBy, numberToSkip, numberToReturn, batchSize, projection);
        }
        return matchDocuments(query, candidates.get(), orderBy, numberToSkip, numberToReturn, batchSize, projection);
    }

    @Override
    protected Integer addDocumentInternal(Document document) {
        Integer position = super.addDocumentInternal(document);
        lookups.documentAdded(position, document);
        return position;
    }

    @Override
    protected void removeDocument(Integer position) {
        lookups.documentRemoved(position, getDocument(position));
        super.removeDocument(position);
    }

    @Override
    protected void handleUpdate(Integer position, Document before, Document after) {
        super.handleUpdate(position, before, after);
        lookups.documentUpdated(position, before, after);
    }

    @Override
    public synchronized void addIndex(Index<Integer> index) {
        super.addIndex(index);
        lookups.indexAdded(index);
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
