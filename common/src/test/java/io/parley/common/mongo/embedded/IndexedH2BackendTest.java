package io.parley.common.mongo.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lookups live in memory; the documents and index definitions in the H2 file. */
class IndexedH2BackendTest {

    private static final String MESSAGES = "messages";

    @TempDir
    Path folder;

    @Test
    void afterAReopenTheIndexPathStillFindsTheStoredDocuments() {
        Path file = folder.resolve("reopen.mv.db");
        try (EmbeddedStore first = EmbeddedStore.h2(file)) {
            MongoCollection<Document> messages = first.database().getCollection(MESSAGES);
            messages.createIndex(new Document("tenantId", 1).append("user", 1).append("conversationId", 1));
            messages.insertMany(messages("c1", 20));
            messages.insertMany(messages("c2", 3));
        }

        try (EmbeddedStore reopened = EmbeddedStore.h2(file)) {
            MongoCollection<Document> messages = reopened.database().getCollection(MESSAGES);
            List<Document> thread = messages.find(new Document("tenantId", "t1").append("user", "u1").append("conversationId", "c2"))
                    .sort(new Document("seq", 1)).into(new ArrayList<>());
            messages.insertOne(new Document("tenantId", "t1").append("user", "u1").append("conversationId", "c2").append("seq", 3));
            long afterInsert = messages.countDocuments();

            assertThat(thread).extracting(message -> message.getInteger("seq")).containsExactly(0, 1, 2);
            assertThat(reopened.queriesAnsweredFromIndexes(MESSAGES)).isEqualTo(1);
            assertThat(messages.find(new Document("tenantId", "t1").append("conversationId", "c2")).into(new ArrayList<>()))
                    .hasSize(4);
            assertThat(afterInsert).isEqualTo(24);
        }
    }

    @Test
    void anIndexCreatedOnAReopenedFileCoversWhatTheFileHolds() {
        Path file = folder.resolve("late-index.mv.db");
        try (EmbeddedStore first = EmbeddedStore.h2(file)) {
            first.database().getCollection(MESSAGES).insertMany(messages("c1", 4));
        }

        try (EmbeddedStore reopened = EmbeddedStore.h2(file)) {
            MongoCollection<Document> messages = reopened.database().getCollection(MESSAGES);
            messages.createIndex(new Document("conversationId", 1).append("seq", 1));

            List<Document> found = messages.find(new Document("conversationId", "c1").append("seq", 2)).into(new ArrayList<>());

            assertThat(found).singleElement().satisfies(message -> assertThat(message.getInteger("seq")).isEqualTo(2));
            assertThat(reopened.queriesAnsweredFromIndexes(MESSAGES)).isEqualTo(1);
        }
    }

    @Test
    void aFileWrittenByTheLibrarysOwnBackendOpensWithItsDocumentsAndIndexes() {
        Path file = folder.resolve("library.mv.db");
        try (EmbeddedStore library = EmbeddedStore.of(new H2Backend(file.toString()))) {
            MongoCollection<Document> messages = library.database().getCollection(MESSAGES);
            messages.createIndex(new Document("tenantId", 1).append("user", 1).append("conversationId", 1));
            messages.insertMany(messages("c1", 20));
            messages.insertMany(messages("c2", 2));
        }

        try (EmbeddedStore reopened = EmbeddedStore.h2(file)) {
            List<Document> thread = reopened.database().getCollection(MESSAGES)
                    .find(new Document("tenantId", "t1").append("user", "u1").append("conversationId", "c2")).into(new ArrayList<>());

            assertThat(thread).hasSize(2);
            assertThat(reopened.queriesAnsweredFromIndexes(MESSAGES)).isEqualTo(1);
        }
    }

    private static List<Document> messages(String conversationId, int count) {
        List<Document> messages = new ArrayList<>();
        for (int seq = 0; seq < count; seq++) {
            messages.add(new Document("tenantId", "t1").append("user", "u1").append("conversationId", conversationId).append("seq", seq));
        }
        return messages;
    }
}
