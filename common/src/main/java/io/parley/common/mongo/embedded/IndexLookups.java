package io.parley.common.mongo.embedded;

import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.bson.Document;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The equality lookups of one collection, one per index, and the choice of the one that narrows a query most.
 *
 * <p>A query takes the index path when its filter pins the leading field(s) of some index with plain equality
 * (see {@link EqualityKeys#ofCondition}). It then reads only the positions that lookup lists, and the
 * collection applies the full filter, sort, skip, limit and projection to them exactly as it does to a scan.
 * Everything else falls back to the scan, as do queries mongo-java-server already answers from one of its
 * unique indexes (exact matches on all their fields), queries sorted by {@code $natural}, whose order only
 * a scan gives, and queries whose best lookup would still read more than a quarter of the collection: reading
 * by position costs H2 about four times a sequential read, so a tenant-wide lookup in a one-tenant store would
 * be slower than the scan it replaces.
 *
 * <p>Not thread-safe: the owning collection calls it under its own lock, as mongo-java-server's synchronized
 * collections do for their own storage.
 */
final class IndexLookups<P> {

    private static final Logger log = LoggerFactory.getLogger(IndexLookups.class);

    /** A lookup is read only when it cuts the documents to read at least this many times. */
    private static final int MIN_NARROWING = 4;

    private final Comparator<? super P> naturalOrder;
    private final Supplier<Stream<DocumentWithPosition<P>>> storedDocuments;
    private final IntSupplier storedCount;
    private final Map<String, PrefixLookup<P>> byIndexName = new LinkedHashMap<>();
    private long queriesAnswered;

    /**
     * @param naturalOrder    the order in which the collection's scan visits positions
     * @param storedDocuments every stored document with its position, in any order
     * @param storedCount     how many documents the collection holds
     */
    IndexLookups(Comparator<? super P> naturalOrder, Supplier<Stream<DocumentWithPosition<P>>> storedDocuments,
                 IntSupplier storedCount) {
        this.naturalOrder = naturalOrder;
        this.storedDocuments = storedDocuments;
        this.storedCount = storedCount;
    }

    /**
     * Registers a newly added index (also each index of a reopened H2 file). Its lookups are built from the
     * stored documents when a query first needs them, so documents stored before the index are covered.
     */
    void indexAdded(Index<P> index) {
        if (!byIndexName.containsKey(index.getName())) {
            PrefixLookup.of(index, naturalOrder, storedDocuments).ifPresent(lookup -> {
                byIndexName.put(index.getName(), lookup);
                log.debug("Equality lookup registered index={} keys={}", index.getName(), index.getKeys());
            });
        }
    }

    void indexDropped(String indexName) {
        byIndexName.remove(indexName);
    }

    void documentAdded(P position, Document document) {
        byIndexName.values().forEach(lookup -> lookup.add(position, document));
    }

    void documentRemoved(P position, Document document) {
        byIndexName.values().forEach(lookup -> lookup.remove(position, document));
    }

    void documentUpdated(P position, Document before, Document after) {
        for (PrefixLookup<P> lookup : byIndexName.values()) {
            lookup.remove(position, before);
            lookup.add(position, after);
        }
    }

    /**
     * The positions to read instead of scanning, in natural order, or empty when the query is left to the scan.
     *
     * @param libraryIndexes the collection's own indexes: when one of them can answer the query, it does
     */
    Optional<List<P>> candidates(@Nullable Document query, @Nullable Document orderBy, List<Index<P>> libraryIndexes) {
        if (query == null || byIndexName.isEmpty() || (orderBy != null && orderBy.containsKey("$natural"))) {
            return Optional.empty();
        }
        Map<String, Object> pinned = pinnedKeys(query);
        if (pinned.isEmpty() || libraryIndexes.stream().anyMatch(index -> index.canHandle(query))) {
            return Optional.empty();
        }
        PrefixLookup<P> best = null;
        int bestPrefix = 0;
        int bestCount = Integer.MAX_VALUE;
        Set<List<String>> coveredAlready = new HashSet<>();
        for (PrefixLookup<P> lookup : byIndexName.values()) {
            int prefix = lookup.coveredPrefix(pinned);
            // Indexes sharing these leading fields hold the same entries: build and read only the first.
            if (prefix == 0 || !coveredAlready.add(lookup.fields(prefix))) {
                continue;
            }
            int count = lookup.candidateCount(prefix, pinned);
            if (count < bestCount) {
                best = lookup;
                bestPrefix = prefix;
                bestCount = count;
            }
        }
        if (best == null || (long) bestCount * MIN_NARROWING > storedCount.getAsInt()) {
            return Optional.empty();
        }
        queriesAnswered++;
        return Optional.of(best.candidates(bestPrefix, pinned));
    }

    /** How many queries (reads, and the reads behind updates, deletes and counts) took the index path. */
    long queriesAnswered() {
        return queriesAnswered;
    }

    private static Map<String, Object> pinnedKeys(Document query) {
        Map<String, Object> pinned = new HashMap<>();
        query.forEach((field, condition) -> {
            if (!field.startsWith("$")) {
                EqualityKeys.ofCondition(condition).ifPresent(key -> pinned.put(field, key));
            }
        });
        return pinned;
    }
}
