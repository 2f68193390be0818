package io.parley.common.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The accounting of one batch, over an importer whose store is a list in memory. */
class ImportBatchTest {

    /** Takes documents with a {@code name}; "bad" ones fail to map; "refused" ones are refused by the store. */
    static final class Names implements LibreChatImporter<String> {
        final List<String> stored = new ArrayList<>();

        @Override
        public String collection() {
            return "names";
        }

        @Override
        public Mapped<String> map(String tenantId, Document source) {
            String name = SourceFields.requiredText(source, "name");
            if (name.equals("boom")) {
                throw new IllegalStateException("unexpected");
            }
            return new Mapped<>(name, tenantId + "/" + name, name.startsWith("w") ? List.of("warned") : List.of());
        }

        @Override
        public Set<String> present(String tenantId, List<Mapped<String>> items) {
            return items.stream().map(Mapped::value).filter(stored::contains).map(v -> v.substring(v.indexOf('/') + 1))
                    .collect(Collectors.toSet());
        }

        @Override
        public Map<String, String> refused(String tenantId, List<Mapped<String>> items) {
            return items.stream().filter(i -> i.key().startsWith("refused")).collect(Collectors.toMap(Mapped::key, i -> "no parent"));
        }

        @Override
        public List<Written> write(String tenantId, List<Mapped<String>> items) {
            items.forEach(item -> stored.add(item.value()));
            return items.stream().map(item -> Written.WRITTEN).toList();
        }
    }

    @Test
    void writesWhatMapsAndSkipsEveryOtherDocumentWithItsReason() {
        Names names = new Names();

        ImportBatch.Outcome outcome = ImportBatch.run(names, "t1", List.of("{\"_id\":{\"$oid\":\"65a000000000000000000001\"},\"name\":\"ada\"}",
                "{\"name\":\"wren\"}", "{\"_id\":\"x\"}", "not json", "{\"name\":\"boom\"}", "{\"name\":\"refused1\"}",
                "{\"name\":\"ada\"}"), false);

        assertThat(names.stored).containsExactly("t1/ada", "t1/wren");
        assertThat(outcome.written()).isEqualTo(2);
        assertThat(outcome.present()).isEqualTo(1);
        assertThat(outcome.skipped()).extracting(ImportBatch.Note::id, ImportBatch.Note::reason).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("x", "has no name"),
                org.assertj.core.groups.Tuple.tuple("#3", "not a JSON document"),
                org.assertj.core.groups.Tuple.tuple("#4", "cannot be mapped: IllegalStateException"),
                org.assertj.core.groups.Tuple.tuple("#5", "no parent"));
        assertThat(outcome.warnings()).extracting(ImportBatch.Note::reason).containsExactly("warned");
    }

    @Test
    void aSecondRunWritesNothing() {
        Names names = new Names();
        ImportBatch.run(names, "t1", List.of("{\"name\":\"ada\"}", "{\"name\":\"bob\"}"), false);

        ImportBatch.Outcome again = ImportBatch.run(names, "t1", List.of("{\"name\":\"ada\"}", "{\"name\":\"bob\"}"), false);

        assertThat(again.written()).isZero();
        assertThat(again.present()).isEqualTo(2);
        assertThat(names.stored).hasSize(2);
    }

    @Test
    void aDryRunCountsWhatWouldBeWrittenAndWritesNothing() {
        Names names = new Names();

        ImportBatch.Outcome outcome = ImportBatch.run(names, "t1", List.of("{\"name\":\"ada\"}", "{\"name\":\"refused1\"}"), true);

        assertThat(outcome.written()).isEqualTo(2);
        assertThat(names.stored).isEmpty();
    }
}
