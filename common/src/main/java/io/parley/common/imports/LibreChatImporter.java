package io.parley.common.imports;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * One LibreChat collection as the feature that owns its data takes it in. {@link ImportBatch} asks, for a
 * batch of documents: {@link #map} each one (a document that cannot be mapped is skipped with the reason),
 * {@link #present} once for the batch (ids the tenant holds are not written again), {@link #refused} once
 * (checks against stored data), then {@link #write} what is left. A document is written whole with one
 * insert or not at all.
 *
 * @param <T> the feature's own shape of one document
 */
public interface LibreChatImporter<T> {

    /** LibreChat's collection name, e.g. {@code users}. */
    String collection();

    /**
     * Maps one LibreChat document into the tenant. Reads nothing that another document of the batch
     * might write.
     *
     * @throws ImportSkipped with the reason when the document cannot be mapped completely
     */
    Mapped<T> map(String tenantId, Document source);

    /** The keys ({@link Mapped#key()}) of the items the tenant already holds. */
    Set<String> present(String tenantId, List<Mapped<T>> items);

    /**
     * Items that must not be written for what is stored (a message whose conversation is not), by key with
     * the reason. Not asked in a dry run, when the earlier collections were not written.
     */
    default Map<String, String> refused(String tenantId, List<Mapped<T>> items) {
        return Map.of();
    }

    /**
     * Writes the items, each with one insert, and says what became of each, in order. An insert refused
     * by a unique index because the id arrived meanwhile is {@link Written#PRESENT}.
     */
    List<Written> write(String tenantId, List<Mapped<T>> items);

    /**
     * One document mapped into the feature's shape.
     *
     * @param key      the id that makes it the same document a second time (e.g. the conversation id)
     * @param warnings what is not carried over although the document is written; empty for none
     */
    record Mapped<T>(String key, T value, List<String> warnings) {

        public Mapped {
            warnings = List.copyOf(warnings);
        }

        public static <T> Mapped<T> of(String key, T value) {
            return new Mapped<>(key, value, List.of());
        }
    }

    /** What became of one write: written, found present, or skipped with the reason. */
    record Written(Kind kind, String reason) {

        public static final Written WRITTEN = new Written(Kind.WRITTEN, "");
        public static final Written PRESENT = new Written(Kind.PRESENT, "");

        public static Written skipped(String reason) {
            return new Written(Kind.SKIPPED, reason);
        }

        public enum Kind { WRITTEN, PRESENT, SKIPPED }
    }
}
