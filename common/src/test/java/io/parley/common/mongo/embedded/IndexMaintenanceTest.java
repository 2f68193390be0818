package io.parley.common.mongo.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Writes that move documents between index entries: after each, the lists read from the index are what the
 * library's own scan reads from an unindexed copy that went through the same writes.
 */
class IndexMaintenanceTest {

    private static final String CONVERSATIONS = "conversations";
    /** Six users and rare tags, so that each list is a small part of the collection, as the index path wants. */
    private static final List<String> USERS = List.of("u1", "u2", "u3", "u4", "u5", "u6");

    @TempDir
    Path folder;

    private EmbeddedStore store;
    private EmbeddedStore reference;
    private MongoCollection<Document> indexed;
    private MongoCollection<Document> plain;

    private void start(String backend) {
        if (backend.equals("h2")) {
            store = EmbeddedStore.h2(folder.resolve("maintenance.mv.db"));
            reference = EmbeddedStore.of(H2Backend.inMemory());
        } else {
            store = EmbeddedStore.memory();
            reference = EmbeddedStore.of(new MemoryBackend());
        }
        indexed = store.database().getCollection(CONVERSATIONS);
        plain = reference.database().getCollection(CONVERSATIONS);
        indexed.createIndex(new Document("tenantId", 1).append("user", 1).append("updatedAt", -1));
        indexed.createIndex(new Document("tenantId", 1).append("user", 1).append("conversationId", 1), new IndexOptions().unique(true));
        indexed.createIndex(new Document("tenantId", 1).append("tags", 1));
        List<Document> conversations = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            List<String> tags = switch (i % 10) {
                case 0 -> List.of("work");
                case 1 -> List.of("home", "work");
                default -> List.of("other" + i % 10);
            };
            conversations.add(new Document("_id", "convo-" + i).append("tenantId", "t1").append("user", USERS.get(i % 6))
                    .append("conversationId", "c" + i).append("updatedAt", new Date(i * 1_000L)).append("tags", tags));
        }
        write(collection -> collection.insertMany(conversations.stream().map(Document::new).toList()));
    }

    @AfterEach
    void stop() {
        store.close();
        reference.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2"})
    void anUpdateMovesADocumentToItsNewUser(String backend) {
        start(backend);

        write(collection -> collection.updateOne(new Document("_id", "convo-6"), new Document("$set", new Document("user", "u3"))));
        write(collection -> collection.updateMany(new Document("tenantId", "t1").append("user", "u1"),
                new Document("$set", new Document("tenantId", "t2"))));

        assertListsAgree();
        assertThat(indexed.countDocuments(new Document("tenantId", "t2"))).isEqualTo(9);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2"})
    void deletedDocumentsLeaveTheIndex(String backend) {
        start(backend);

        write(collection -> collection.deleteOne(new Document("tenantId", "t1").append("user", "u2")));
        write(collection -> collection.deleteMany(new Document("tenantId", "t1").append("tags", "home")));

        assertListsAgree();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2"})
    void upsertedAndReplacedDocumentsAreFound(String backend) {
        start(backend);

        write(collection -> collection.updateOne(new Document("_id", "new-1").append("tenantId", "t1").append("user", "u9"),
                new Document("$set", new Document("updatedAt", new Date(99_000)).append("tags", List.of("late"))),
                new UpdateOptions().upsert(true)));
        write(collection -> collection.replaceOne(new Document("_id", "convo-7"),
                new Document("tenantId", "t1").append("user", "u9").append("conversationId", "c7").append("tags", List.of("late"))));
        write(collection -> collection.replaceOne(new Document("_id", "new-2"),
                new Document("tenantId", "t1").append("user", "u1").append("conversationId", "c100"), new ReplaceOptions().upsert(true)));

        assertListsAgree();
        assertThat(indexed.find(new Document("tenantId", "t1").append("user", "u9")).into(new ArrayList<>()))
                .extracting(convo -> convo.get("_id")).containsExactly("convo-7", "new-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2"})
    void findAndModifyKeepsTheIndexInStep(String backend) {
        start(backend);

        write(collection -> collection.findOneAndUpdate(new Document("tenantId", "t1").append("user", "u1"),
                new Document("$set", new Document("user", "u2")).append("$pull", new Document("tags", "work")),
                new FindOneAndUpdateOptions().sort(new Document("updatedAt", -1)).returnDocument(ReturnDocument.AFTER)));
        write(collection -> collection.findOneAndDelete(new Document("tenantId", "t1").append("tags", "home")));
        write(collection -> collection.findOneAndReplace(new Document("tenantId", "t1").append("user", "u3"),
                new Document("tenantId", "t1").append("user", "u1").append("conversationId", "moved").append("tags", "work")));

        assertListsAgree();
    }

    private void write(Consumer<MongoCollection<Document>> operation) {
        operation.accept(indexed);
        operation.accept(plain);
    }

    /** Every user's list, newest first, and every tag's list: the same from the index as from the scan. */
    private void assertListsAgree() {
        List<Document> filters = new ArrayList<>();
        for (String tenant : List.of("t1", "t2")) {
            for (String user : List.of("u1", "u2", "u3", "u6", "u9")) {
                filters.add(new Document("tenantId", tenant).append("user", user));
            }
            for (String tag : List.of("work", "home", "late")) {
                filters.add(new Document("tenantId", tenant).append("tags", tag));
            }
        }
        Document newestFirst = new Document("updatedAt", -1).append("_id", -1);
        for (Document filter : filters) {
            long before = store.queriesAnsweredFromIndexes(CONVERSATIONS);
            List<Document> fromIndex = indexed.find(filter).sort(newestFirst).into(new ArrayList<>());
            assertThat(store.queriesAnsweredFromIndexes(CONVERSATIONS)).as("index path for %s", filter.toJson()).isEqualTo(before + 1);
            assertThat(fromIndex).as(filter.toJson()).isEqualTo(plain.find(filter).sort(newestFirst).into(new ArrayList<>()));
        }
        assertThat(indexed.find().into(new ArrayList<>())).isEqualTo(plain.find().into(new ArrayList<>()));
    }
}
