package io.parley.common.mongo.embedded;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;

/**
 * mongo-java-server's memory backend, except that queries pinning an index's leading fields with plain
 * equality read only the matching documents instead of the whole collection (see {@link IndexLookups}).
 */
public class IndexedMemoryBackend extends MemoryBackend {

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new IndexedMemoryDatabase(databaseName, getCursorRegistry());
    }
}
