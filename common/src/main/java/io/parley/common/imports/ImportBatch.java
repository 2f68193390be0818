package io.parley.common.imports;

import io.parley.common.imports.LibreChatImporter.Mapped;
import io.parley.common.imports.LibreChatImporter.Written;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.json.JsonParseException;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One batch of one collection through its {@link LibreChatImporter}: parse, map, leave out what the tenant
 * holds or what is refused, write the rest, and count. A bad document never stops the batch; an
 * unexpected failure of one document's mapping is that document's skip, not the batch's.
 */
public final class ImportBatch {

    private static final Logger log = LoggerFactory.getLogger(ImportBatch.class);

    private ImportBatch() {
    }

    /** What became of a batch's documents. */
    public record Outcome(int written, int present, List<Note> skipped, List<Note> warnings) {

        public Outcome {
            skipped = List.copyOf(skipped);
            warnings = List.copyOf(warnings);
        }
    }

    /** One document's id in LibreChat with a sentence about it. */
    public record Note(String id, String reason) {
    }

    /**
     * @param documents each one document as MongoDB Extended JSON
     * @param dryRun    map and check only; the counts say what would be written
     */
    public static <T> Outcome run(LibreChatImporter<T> importer, String tenantId, List<String> documents, boolean dryRun) {
        List<Note> skipped = new ArrayList<>();
        List<Note> warnings = new ArrayList<>();
        // by key: a key twice in one batch is written once, the second copy counted present
        Map<String, Mapped<T>> mapped = new LinkedHashMap<>();
        Map<String, String> sourceIds = new LinkedHashMap<>();
        int duplicates = 0;
        for (int i = 0; i < documents.size(); i++) {
            Document source;
            try {
                source = Document.parse(documents.get(i));
            } catch (JsonParseException | IllegalArgumentException e) {
                skipped.add(new Note("#" + i, "not a JSON document"));
                continue;
            }
            String sourceId = sourceId(source, i);
            Mapped<T> item;
            try {
                item = importer.map(tenantId, source);
            } catch (ImportSkipped e) {
                skipped.add(new Note(sourceId, e.getMessage()));
                continue;
            } catch (RuntimeException e) {
                log.warn("LibreChat document not mapped collection={} id={} failure={}", importer.collection(), sourceId,
                        e.getClass().getSimpleName());
                skipped.add(new Note(sourceId, "cannot be mapped: " + e.getClass().getSimpleName()));
                continue;
            }
            if (mapped.putIfAbsent(item.key(), item) != null) {
                duplicates++;
                continue;
            }
            sourceIds.put(item.key(), sourceId);
        }
        List<Mapped<T>> items = new ArrayList<>(mapped.values());
        Set<String> present = items.isEmpty() ? Set.of() : new HashSet<>(importer.present(tenantId, items));
        items.removeIf(item -> present.contains(item.key()));
        if (!dryRun && !items.isEmpty()) {
            Map<String, String> refused = importer.refused(tenantId, items);
            items.removeIf(item -> {
                String reason = refused.get(item.key());
                if (reason != null) {
                    skipped.add(new Note(sourceIds.get(item.key()), reason));
                }
                return reason != null;
            });
        }
        int written = 0;
        int alreadyThere = present.size() + duplicates;
        List<Written> results = dryRun || items.isEmpty()
                ? items.stream().map(item -> Written.WRITTEN).toList() : importer.write(tenantId, items);
        for (int i = 0; i < items.size(); i++) {
            Mapped<T> item = items.get(i);
            Written result = results.get(i);
            switch (result.kind()) {
                case WRITTEN -> {
                    written++;
                    item.warnings().forEach(w -> warnings.add(new Note(sourceIds.get(item.key()), w)));
                }
                case PRESENT -> alreadyThere++;
                case SKIPPED -> skipped.add(new Note(sourceIds.get(item.key()), result.reason()));
            }
        }
        log.info("LibreChat import batch tenant_id={} collection={} dry_run={} read={} written={} present={} skipped={}",
                tenantId, importer.collection(), dryRun, documents.size(), written, alreadyThere, skipped.size());
        return new Outcome(written, alreadyThere, skipped, warnings);
    }

    /** The document's {@code _id} as LibreChat shows it (hex for an ObjectId); its position when it has none. */
    public static String sourceId(Document source, int position) {
        Object id = source.get("_id");
        return switch (id) {
            case ObjectId objectId -> objectId.toHexString();
            case null -> "#" + position;
            default -> String.valueOf(id);
        };
    }
}
