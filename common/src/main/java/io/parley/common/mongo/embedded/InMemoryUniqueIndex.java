package io.parley.common.mongo.embedded;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.h2.mvstore.type.ObjectDataType;
import org.jspecify.annotations.Nullable;

/**
 * A unique index of the H2 backend held in a hash map instead of the library's H2 map, which compares keys by
 * serializing both with Java serialization on every comparison of its B-tree search (most of the CPU of an insert).
 * Everything else (what is a duplicate, the E11000 error, sparse and multikey handling, queries it answers) is the
 * library's {@link AbstractUniqueIndex}; this class only stores keys.
 *
 * <p>Equality: the library's keys are normalised (numbers as doubles, except longs a double cannot hold; {@code -0.0}
 * as {@code 0.0}; arrays as lists), and {@link KeyValue#equals} then agrees with H2's byte comparison for the values
 * a BSON document holds (strings, numbers, booleans, dates, ObjectIds, UUIDs, binary data, embedded documents in
 * field order, arrays, null). The one exception is a stored regular expression, which the library gives no
 * {@code equals}: two equal ones are two keys here, and one key to H2.
 *
 * <p>Nothing is persisted: the library fills an empty index from the stored documents when it adds it to a
 * collection, which it does for every index listed in the file when a database is reopened.
 */
final class InMemoryUniqueIndex extends AbstractUniqueIndex<Object> {

    /** Position by key; a null position (a document whose id is null) is stored as Missing, as H2's index does. */
    private final Map<KeyValue, Object> positions = new ConcurrentHashMap<>();

    InMemoryUniqueIndex(String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
    }

    @Override
    protected @Nullable Object removeDocument(KeyValue key) {
        return positions.remove(key);
    }

    @Override
    protected boolean putKeyPosition(KeyValue key, @Nullable Object position) {
        return positions.putIfAbsent(key, Missing.ofNullable(position)) == null;
    }

    @Override
    protected @Nullable Object getPosition(KeyValue key) {
        return positions.get(key);
    }

    /**
     * Every entry in the order H2's map kept them, by the bytes of the serialized key: a regular-expression query on
     * a single-field unique index walks the whole index and returns documents in this order. Each key is serialized
     * once here, not once per comparison.
     */
    @Override
    protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
        record SerializedEntry(byte[] key, Map.Entry<KeyValue, Object> entry) {
        }
        Comparator<SerializedEntry> h2KeyOrder = (a, b) -> ObjectDataType.compareNotNull(a.key(), b.key());
        return positions.entrySet().stream()
                .map(entry -> new SerializedEntry(ObjectDataType.serialize(entry.getKey()), Map.entry(entry.getKey(), entry.getValue())))
                .sorted(h2KeyOrder)
                .map(SerializedEntry::entry)
                .toList();
    }

    @Override
    public long getCount() {
        return positions.size();
    }

    @Override
    public boolean isEmpty() {
        return positions.isEmpty();
    }

    /** As H2's unique index: the number of keys. */
    @Override
    public long getDataSize() {
        return getCount();
    }
}
