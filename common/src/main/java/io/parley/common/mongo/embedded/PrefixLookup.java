package io.parley.common.mongo.embedded;

import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * One index seen as equality lookups on its leading fields: for the first field, the first two, and so on,
 * the positions of the documents holding each combination of values, kept in the collection's natural order
 * so that reading them gives the documents in the order a scan would.
 *
 * <p>Only top-level fields count: the lookup covers the index's fields up to the first dotted path. An array
 * in a field files the document under each plain element (MongoDB's multikey rule). A document whose arrays
 * would give more than {@value #MAX_COMBINATIONS} combinations at some prefix is not filed there but kept as a
 * candidate of every lookup of that prefix and longer ones.
 *
 * <p>Each prefix is built when a query first needs it, from the stored documents, and kept up to date from
 * then on: memory goes to the prefixes queries use, not to every field of every index (a trailing
 * {@code createdAt} would otherwise cost an entry per document).
 *
 * <p>Not thread-safe: the owning collection calls it under its own lock.
 */
final class PrefixLookup<P> {

    static final int MAX_COMBINATIONS = 256;

    private final List<String> fields;
    private final Comparator<? super P> naturalOrder;
    private final Supplier<Stream<DocumentWithPosition<P>>> storedDocuments;
    /** Entry {@code i}: the entries for the first {@code i + 1} fields, or null until a query needs them. */
    private final List<@Nullable Prefix<P>> prefixes = new ArrayList<>();
    /** How many leading fields documents must be looked at for, to keep the built prefixes up to date. */
    private int fieldsInUse;

    private PrefixLookup(List<String> fields, Comparator<? super P> naturalOrder,
                         Supplier<Stream<DocumentWithPosition<P>>> storedDocuments) {
        this.fields = List.copyOf(fields);
        this.naturalOrder = naturalOrder;
        this.storedDocuments = storedDocuments;
        fields.forEach(field -> prefixes.add(null));
    }

    /**
     * A lookup for the index, or empty when its first field is a dotted path.
     *
     * @param storedDocuments every document of the collection with its position, to build a prefix from
     */
    static <P> Optional<PrefixLookup<P>> of(Index<P> index, Comparator<? super P> naturalOrder,
                                            Supplier<Stream<DocumentWithPosition<P>>> storedDocuments) {
        List<String> fields = new ArrayList<>();
        for (IndexKey key : index.getKeys()) {
            if (key.getKey().contains(".")) {
                break;
            }
            fields.add(key.getKey());
        }
        return fields.isEmpty() ? Optional.empty() : Optional.of(new PrefixLookup<>(fields, naturalOrder, storedDocuments));
    }

    void add(P position, Document document) {
        file(position, document, true, null);
    }

    /** Takes the document out; it must have the content it had when added. */
    void remove(P position, Document document) {
        file(position, document, false, null);
    }

    /** The first {@code prefix} fields of the index. */
    List<String> fields(int prefix) {
        return fields.subList(0, prefix);
    }

    /** How many leading fields of this index the pinned fields cover (0: the lookup cannot serve the query). */
    int coveredPrefix(Map<String, Object> pinnedKeys) {
        int covered = 0;
        while (covered < fields.size() && pinnedKeys.containsKey(fields.get(covered))) {
            covered++;
        }
        return covered;
    }

    /**
     * The positions that may match the pinned values of the first {@code prefix} fields, in natural order.
     * A superset: the caller applies the whole filter.
     */
    List<P> candidates(int prefix, Map<String, Object> pinnedKeys) {
        Prefix<P> entries = built(prefix);
        NavigableSet<P> filed = entries.filed.get(combination(prefix, pinnedKeys));
        if (entries.unfiled.isEmpty()) {
            return filed == null ? List.of() : new ArrayList<>(filed);
        }
        NavigableSet<P> merged = new TreeSet<>(naturalOrder);
        merged.addAll(entries.unfiled);
        if (filed != null) {
            merged.addAll(filed);
        }
        return new ArrayList<>(merged);
    }

    /** The size of {@link #candidates}, without copying them. */
    int candidateCount(int prefix, Map<String, Object> pinnedKeys) {
        Prefix<P> entries = built(prefix);
        NavigableSet<P> filed = entries.filed.get(combination(prefix, pinnedKeys));
        return (filed == null ? 0 : filed.size()) + entries.unfiled.size();
    }

    private List<Object> combination(int prefix, Map<String, Object> pinnedKeys) {
        List<Object> combination = new ArrayList<>(prefix);
        for (int i = 0; i < prefix; i++) {
            combination.add(pinnedKeys.get(fields.get(i)));
        }
        return combination;
    }

    private Prefix<P> built(int prefix) {
        Prefix<P> entries = prefixes.get(prefix - 1);
        if (entries == null) {
            Prefix<P> building = new Prefix<>(naturalOrder);
            prefixes.set(prefix - 1, building);
            fieldsInUse = Math.max(fieldsInUse, prefix);
            storedDocuments.get().forEach(stored -> file(stored.getPosition(), stored.getDocument(), true, building));
            entries = building;
        }
        return entries;
    }

    /** Files the document into (or out of) every built prefix, or only into {@code only} when given. */
    private void file(P position, Document document, boolean adding, @Nullable Prefix<P> only) {
        List<List<Object>> combinations = List.of(List.of());
        for (int i = 0; i < fieldsInUse; i++) {
            Set<Object> keys = EqualityKeys.ofFieldValue(document.get(fields.get(i)));
            if (keys.isEmpty()) {
                return; // no plain value: no equality on this field can match, nor on longer prefixes
            }
            if ((long) combinations.size() * keys.size() > MAX_COMBINATIONS) {
                for (int longer = i; longer < fieldsInUse; longer++) {
                    Prefix<P> entries = target(longer, only);
                    if (entries != null) {
                        entries.fileUnfiled(position, adding);
                    }
                }
                return;
            }
            combinations = extend(combinations, keys);
            Prefix<P> entries = target(i, only);
            if (entries != null) {
                entries.file(combinations, position, adding);
            }
        }
    }

    private @Nullable Prefix<P> target(int index, @Nullable Prefix<P> only) {
        Prefix<P> entries = prefixes.get(index);
        return only == null || entries == only ? entries : null;
    }

    private static List<List<Object>> extend(List<List<Object>> combinations, Set<Object> keys) {
        List<List<Object>> extended = new ArrayList<>(combinations.size() * keys.size());
        for (List<Object> combination : combinations) {
            for (Object key : keys) {
                List<Object> longer = new ArrayList<>(combination.size() + 1);
                longer.addAll(combination);
                longer.add(key);
                extended.add(List.copyOf(longer));
            }
        }
        return extended;
    }

    /** The entries of one prefix: positions by combination of values, and the documents with too many. */
    private static final class Prefix<P> {

        private final Comparator<? super P> naturalOrder;
        private final Map<List<Object>, NavigableSet<P>> filed = new HashMap<>();
        private final NavigableSet<P> unfiled;

        Prefix(Comparator<? super P> naturalOrder) {
            this.naturalOrder = naturalOrder;
            this.unfiled = new TreeSet<>(naturalOrder);
        }

        void file(List<List<Object>> combinations, P position, boolean adding) {
            for (List<Object> combination : combinations) {
                if (adding) {
                    filed.computeIfAbsent(combination, k -> new TreeSet<>(naturalOrder)).add(position);
                } else {
                    NavigableSet<P> positions = filed.get(combination);
                    if (positions != null && positions.remove(position) && positions.isEmpty()) {
                        filed.remove(combination);
                    }
                }
            }
        }

        void fileUnfiled(P position, boolean adding) {
            if (adding) {
                unfiled.add(position);
            } else {
                unfiled.remove(position);
            }
        }
    }
}
