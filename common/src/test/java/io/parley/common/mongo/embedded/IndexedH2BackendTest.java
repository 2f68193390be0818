package io.parley.common.mongo.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lookups and unique indexes live in memory; the documents and index definitions in the H2 file. */
class IndexedH2BackendTest {

    private static final String MESSAGES = "messages";
    private static final String USERS = "users";

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

    @Test
    void afterAReopenUniqueIndexesStillRefuseDuplicatesAndFindByTheirKeys() {
        Path file = folder.resolve("unique.mv.db");
        try (EmbeddedStore first = EmbeddedStore.h2(file)) {
            MongoCollection<Document> users = first.database().getCollection(USERS);
            users.createIndex(new Document("tenantId", 1).append("email", 1), new IndexOptions().unique(true).name("tenant_email"));
            users.createIndex(new Document("ssoId", 1), new IndexOptions().unique(true).sparse(true).name("sso"));
            users.insertMany(List.of(user(1, "a@x").append("ssoId", "s1"), user(2, "b@x"), user(3, "c@x")));
        }

        try (EmbeddedStore reopened = EmbeddedStore.h2(file)) {
            MongoCollection<Document> users = reopened.database().getCollection(USERS);

            Document found = users.find(new Document("tenantId", "t1").append("email", "b@x")).first();
            assertThat(found).isNotNull().containsEntry("_id", 2);
            assertThat(users.find(new Document("ssoId", "s1")).first()).isNotNull();
            assertThatThrownBy(() -> users.insertOne(user(4, "a@x")))
                    .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getError().getMessage())
                            .startsWith("E11000 duplicate key error").contains("index: tenant_email"));
            assertThatThrownBy(() -> users.insertOne(user(5, "e@x").append("ssoId", "s1")))
                    .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getError().getMessage()).contains("index: sso"));
            assertThatThrownBy(() -> users.insertOne(user(3, "f@x")))
                    .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getError().getMessage()).contains("index: _id_"));
            assertThatThrownBy(() -> users.updateOne(new Document("_id", 3), new Document("$set", new Document("email", "b@x"))))
                    .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getError().getCode()).isEqualTo(11000));
            users.insertOne(user(6, "g@x"));
            assertThat(users.countDocuments()).isEqualTo(4);
        }
    }

    @Test
    void aFileGoingBackAndForthBetweenTheLibrarysBackendAndOursKeepsItsUniqueIndexesWhole() {
        Path file = folder.resolve("back-and-forth.mv.db");
        try (EmbeddedStore library = EmbeddedStore.of(new H2Backend(file.toString()))) {
            MongoCollection<Document> users = library.database().getCollection(USERS);
            users.createIndex(new Document("tenantId", 1).append("email", 1), new IndexOptions().unique(true));
            users.insertOne(user(1, "a@x"));
        }
        try (EmbeddedStore ours = EmbeddedStore.h2(file)) {
            MongoCollection<Document> users = ours.database().getCollection(USERS);
            assertThatThrownBy(() -> users.insertOne(user(2, "a@x"))).isInstanceOf(MongoWriteException.class);
            users.insertOne(user(3, "c@x"));
            users.deleteOne(new Document("_id", 1));
        }

        // The library's own index maps would have missed both writes above; it must rebuild them instead.
        try (EmbeddedStore library = EmbeddedStore.of(new H2Backend(file.toString()))) {
            MongoCollection<Document> users = library.database().getCollection(USERS);
            assertThatThrownBy(() -> users.insertOne(user(4, "c@x"))).isInstanceOf(MongoWriteException.class);
            assertThatThrownBy(() -> users.insertOne(user(3, "d@x"))).isInstanceOf(MongoWriteException.class);
            users.insertOne(user(5, "a@x"));
            assertThat(users.countDocuments()).isEqualTo(2);
        }
    }

    private static Document user(int id, String email) {
        return new Document("_id", id).append("tenantId", "t1").append("email", email);
    }

    private static List<Document> messages(String conversationId, int count) {
        List<Document> messages = new ArrayList<>();
        for (int seq = 0; seq < count; seq++) {
            messages.add(new Document("tenantId", "t1").append("user", "u1").append("conversationId", conversationId).append("seq", seq));
        }
        return messages;
    }
}
