package io.parley.migrate;

import io.parley.proto.common.v1.ImportOutcome;
import io.parley.proto.common.v1.ImportedDocumentNote;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What became of each collection: documents read, written, already present, skipped (with the reasons and ids),
 * written with warnings; and the collections left behind with the reason. Printed at the end, also when the run
 * stopped early, so the operator sees how far it got.
 */
final class Summary {

    private static final int IDS_SHOWN = 10;

    /** The counts of one collection. */
    static final class Row {
        final String collection;
        long read;
        long written;
        long present;
        final Map<String, List<String>> skipped = new LinkedHashMap<>();
        final Map<String, List<String>> warnings = new LinkedHashMap<>();

        Row(String collection) {
            this.collection = collection;
        }

        long skippedCount() {
            return skipped.values().stream().mapToLong(List::size).sum();
        }

        long warningCount() {
            return warnings.values().stream().mapToLong(List::size).sum();
        }
    }

    /** A collection left behind, with how many documents it holds. */
    record Left(String collection, long documents, String reason) {
    }

    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final List<Left> left = new ArrayList<>();

    Row row(String collection) {
        return rows.computeIfAbsent(collection, Row::new);
    }

    /** A batch's outcome (or one file's). */
    void add(String collection, long read, ImportOutcome outcome) {
        Row row = row(collection);
        row.read += read;
        row.written += outcome.getWritten();
        row.present += outcome.getAlreadyPresent();
        for (ImportedDocumentNote note : outcome.getSkippedList()) {
            skip(collection, note.getId(), note.getReason());
        }
        for (ImportedDocumentNote note : outcome.getWarningsList()) {
            row.warnings.computeIfAbsent(note.getReason(), r -> new ArrayList<>()).add(note.getId());
        }
    }

    /** A document this command itself could not send (a file's bytes that are nowhere to be read). */
    void skip(String collection, String id, String reason) {
        row(collection).skipped.computeIfAbsent(reason, r -> new ArrayList<>()).add(id);
    }

    void leftBehind(String collection, long documents, String reason) {
        left.add(new Left(collection, documents, reason));
    }

    long written() {
        return rows.values().stream().mapToLong(r -> r.written).sum();
    }

    long skipped() {
        return rows.values().stream().mapToLong(Row::skippedCount).sum();
    }

    void print(PrintStream out, String heading, boolean dryRun) {
        out.println(heading);
        out.printf("%-18s %10s %10s %10s %10s %10s%n", "collection", "read", dryRun ? "to write" : "written", "present",
                "skipped", "warnings");
        rows.values().forEach(r -> out.printf("%-18s %10d %10d %10d %10d %10d%n", r.collection, r.read, r.written,
                r.present, r.skippedCount(), r.warningCount()));
        if (!left.isEmpty()) {
            out.println();
            out.println("Not migrated:");
            left.forEach(l -> out.printf("  %-18s %10d  %s%n", l.collection(), l.documents(), l.reason()));
        }
        details(out, "Skipped (nothing of them was written):", rows.values().stream().filter(r -> !r.skipped.isEmpty())
                .toList(), true);
        details(out, "Written with warnings:", rows.values().stream().filter(r -> !r.warnings.isEmpty()).toList(), false);
    }

    private static void details(PrintStream out, String title, List<Row> rows, boolean skipped) {
        if (rows.isEmpty()) {
            return;
        }
        out.println();
        out.println(title);
        for (Row row : rows) {
            (skipped ? row.skipped : row.warnings).forEach((reason, ids) -> {
                String shown = String.join(", ", ids.subList(0, Math.min(IDS_SHOWN, ids.size())));
                String more = ids.size() > IDS_SHOWN ? " and " + (ids.size() - IDS_SHOWN) + " more" : "";
                out.printf("  %s: %s (%d): %s%s%n", row.collection, reason, ids.size(), shown, more);
            });
        }
    }
}
