package io.parley.common.mongo.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * mongo-java-server's H2 file backend, except that queries pinning an index's leading fields with plain
 * equality read only the matching documents instead of the whole collection (see {@link IndexLookups}). The
 * file format is the library's own; the lookups live in memory and are rebuilt after the file is opened.
 */
public class IndexedH2Backend extends H2Backend {

    /** Opens (or creates) the H2 file. */
    public IndexedH2Backend(String fileName) {
        super(fileName);
    }

    // Called from H2Backend's constructor for every database already in the file: it must not use fields of this class.
    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new IndexedH2Database(databaseName, getMvStore(), getCursorRegistry());
    }
}
