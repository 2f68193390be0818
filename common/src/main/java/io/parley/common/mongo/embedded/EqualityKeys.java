package io.parley.common.mongo.embedded;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The values a document is filed under, and the value a query condition asks for, such that every document
 * mongo-java-server's matcher accepts for {@code {field: v}} is filed under the key of {@code v}.
 *
 * <p>The matcher compares a plain value with {@code Utils.nullAwareEquals}: both sides normalised (every number
 * as a double, except a long too large for one; {@code -0.0} as {@code 0.0}), then {@code equals}. When the
 * stored field is an array it also compares each element the same way; nested arrays and embedded documents
 * never equal a plain value. Keys here are that normalisation made slightly coarser: every number becomes its
 * double, so two large longs may share a key. A shared key only adds a candidate, which the full filter then
 * drops; a missing key would lose a match, which is why the rules above must hold.
 */
final class EqualityKeys {

    private static final String EQ = "$eq";

    private EqualityKeys() {
    }

    /**
     * The keys a stored field value is filed under: the value itself, or each plain element of an array.
     * Missing, {@code null}, embedded documents and nested arrays give no key, as no plain value equals them.
     */
    static Set<Object> ofFieldValue(@Nullable Object value) {
        if (value instanceof Collection<?> elements) {
            Set<Object> keys = new LinkedHashSet<>();
            for (Object element : elements) {
                if (isPlain(element)) {
                    keys.add(keyOf(element));
                }
            }
            return keys;
        }
        return isPlain(value) ? Set.of(keyOf(value)) : Set.of();
    }

    /**
     * The key a query condition pins, when it is a plain equality: {@code value} or {@code {$eq: value}} with a
     * string, number, boolean, ObjectId, date or UUID. Anything else (null, arrays, documents, regular
     * expressions, other operators) pins nothing and leaves the query to a scan.
     */
    static Optional<Object> ofCondition(@Nullable Object condition) {
        Object value = condition;
        if (condition instanceof Map<?, ?> operators) {
            if (operators.size() != 1 || !operators.containsKey(EQ)) {
                return Optional.empty();
            }
            value = operators.get(EQ);
        }
        return isPinnable(value) ? Optional.of(keyOf(value)) : Optional.empty();
    }

    private static boolean isPinnable(@Nullable Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof ObjectId || value instanceof Instant || value instanceof Date || value instanceof UUID;
    }

    private static boolean isPlain(@Nullable Object value) {
        return value != null && !(value instanceof Missing) && !(value instanceof Map<?, ?>)
                && !(value instanceof Collection<?>);
    }

    private static Object keyOf(Object value) {
        if (value instanceof Number number) {
            double asDouble = number.doubleValue();
            // -0.0 == 0.0 but Double.equals tells them apart; the matcher does not.
            return asDouble == 0.0 ? 0.0 : asDouble;
        }
        return value;
    }
}
