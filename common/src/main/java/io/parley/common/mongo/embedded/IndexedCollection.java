package io.parley.common.mongo.embedded;

/** A collection of the embedded store that can answer equality queries from its indexes; observable for tests. */
interface IndexedCollection {

    /** How many queries, including those behind updates, deletes and counts, read an index lookup instead of scanning. */
    long queriesAnsweredFromIndexes();
}
