package io.parley.common.mongo.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoServerException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The H2 backend's unique indexes live in hash maps: every write must be accepted or refused exactly as the
 * library's own H2 unique index does, with the same error code and message.
 */
class InMemoryUniqueIndexTest {

    private static final String USERS = "users";

    @TempDir
    Path folder;

    @Test
    void refusesDuplicateInsertsAsTheLibrarysH2IndexDoes() {
        assertSameOutcomes(users -> {
            users.createIndex(new Document("tenantId", 1).append("email", 1), new IndexOptions().unique(true).name("tenant_email"));
            users.insertOne(user("1", "t1", "a@x"));
            users.insertOne(user("2", "t1", "a@x"));
            users.insertOne(user("3", "t2", "a@x"));
            users.insertOne(new Document("_id", "4").append("tenantId", "t1"));
            users.insertOne(new Document("_id", "5").append("tenantId", "t1").append("email", null));
            users.insertOne(user("1", "t3", "b@x"));
        });
    }

    @Test
    void treatsNumbersOfEveryTypeAsTheLibraryDoes() {
        assertSameOutcomes(users -> {
            users.createIndex(new Document("n", 1), new IndexOptions().unique(true));
            users.insertOne(new Document("_id", 1).append("n", 1));
            users.insertOne(new Document("_id", 2).append("n", 1L));
            users.insertOne(new Document("_id", 3).append("n", 1.0));
            users.insertOne(new Document("_id", 4).append("n", 0.0));
            users.insertOne(new Document("_id", 5).append("n", -0.0));
            users.insertOne(new Document("_id", 6).append("n", (1L << 53) + 1));
            users.insertOne(new Document("_id", 7).append("n", (double) (1L << 53)));
            users.insertOne(new Document("_id", 1L).append("n", 8));
            users.insertOne(new Document("_id", 9).append("n", Double.NaN));
            users.insertOne(new Document("_id", 10).append("n", Double.NaN));
        });
    }

    @Test
    void sparseIndexesSkipOnlyDocumentsMissingEveryKeyAsTheLibraryDoes() {
        assertSameOutcomes(users -> {
            users.createIndex(new Document("code", 1), new IndexOptions().unique(true).sparse(true));
            users.createIndex(new Document("a", 1).append("b", 1), new IndexOptions().unique(true).sparse(true));
            users.insertOne(new Document("_id", 1));
            users.insertOne(new Document("_id", 2));
            users.insertOne(new Document("_id", 3).append("code", "c"));
            users.insertOne(new Document("_id", 4).append("code", "c"));
            users.insertOne(new Document("_id", 5).append("a", 1));
            users.insertOne(new Document("_id", 6).append("a", 1));
            users.insertOne(new Document("_id", 7).append("a", 1).append("b", null));
            users.insertOne(new Document("_id", 8).append("code", null));
        });
    }

    @Test
    void refusesArraysSharingAnElementAsTheLibraryDoes() {
        assertSameOutcomes(users -> {
            users.createIndex(new Document("tags", 1), new IndexOptions().unique(true));
            users.insertOne(new Document("_id", 1).append("tags", List.of("x", "y")));
            users.insertOne(new Document("_id", 2).append("tags", List.of("y")));
            users.insertOne(new Document("_id", 3).append("tags", List.of("z", "z")));
            users.insertOne(new Document("_id", 4).append("tags", new Document("k", "x")));
            users.insertOne(new Document("_id", 5).append("tags", new Document("k", "x")));
            users.insertOne(new Document("_id", 6).append("tags", List.of()));
        });
    }

    @Test
    void refusesUpdatesUpsertsAndReplacementsThatWouldDuplicateAsTheLibraryDoes() {
        assertSameOutcomes(users -> {
            users.createIndex(new Document("tenantId", 1).append("email", 1), new IndexOptions().unique(true).name("tenant_email"));
            users.insertMany(List.of(user("1", "t1", "a@x"), user("2", "t1", "b@x")));
            users.updateOne(new Document("_id", "2"), new Document("$set", new Document("email", "a@x")));
            users.updateOne(new Document("_id", "1"), new Document("$set", new Document("email", "a@x").append("name", "same key")));
            users.updateOne(new Document("_id", "2"), new Document("$set", new Document("email", "c@x")));
            users.updateOne(new Document("_id", "1"), new Document("$set", new Document("email", "b@x")));
            users.updateOne(new Document("_id", "3").append("tenantId", "t1"), new Document("$set", new Document("email", "c@x")),
                    new UpdateOptions().upsert(true));
            users.updateOne(new Document("_id", "4").append("tenantId", "t1"), new Document("$set", new Document("email", "d@x")),
                    new UpdateOptions().upsert(true));
            users.replaceOne(new Document("_id", "4"), new Document("tenantId", "t1").append("email", "c@x"));
            users.replaceOne(new Document("_id", "5"), new Document("tenantId", "t1").append("email", "d@x"),
                    new ReplaceOptions().upsert(true));
            users.updateMany(new Document("tenantId", "t1"), new Document("$set", new Document("email", "same@x")));
            users.deleteOne(new Document("_id", "1"));
            users.insertOne(user("6", "t1", "b@x"));
        });
    }

    @Test
    void refusesToBuildAUniqueIndexOverDuplicatesAsTheLibraryDoes() {
        assertSameOutcomes(users -> {
            users.insertMany(List.of(user("1", "t1", "a@x"), user("2", "t1", "a@x")));
            users.createIndex(new Document("tenantId", 1).append("email", 1), new IndexOptions().unique(true).name("tenant_email"));
            users.deleteOne(new Document("_id", "2"));
            users.createIndex(new Document("tenantId", 1).append("email", 1), new IndexOptions().unique(true).name("tenant_email"));
            users.insertOne(user("4", "t1", "a@x"));
        });
    }

    /**
     * Where we differ from the library, on purpose: its failed build leaves the keys it had added in the H2 map, and
     * the next build of the same index finds the map not empty and skips building, so it accepts a collection that
     * still holds duplicates (here 1 and 3). Ours starts from nothing each time and refuses, as MongoDB does.
     */
    @Test
    void aFailedIndexBuildLeavesNothingBehindForTheNextBuild() {
        try (EmbeddedStore ours = EmbeddedStore.h2(folder.resolve("ours.mv.db"))) {
            MongoCollection<Document> users = ours.database().getCollection(USERS);
            Document keys = new Document("tenantId", 1).append("email", 1);
            users.insertMany(List.of(user("1", "t1", "a@x"), user("2", "t1", "a@x")));
            assertThatThrownBy(() -> users.createIndex(keys, new IndexOptions().unique(true)))
                    .isInstanceOf(MongoServerException.class);
            users.insertOne(user("3", "t1", "a@x"));
            users.deleteOne(new Document("_id", "2"));

            assertThatThrownBy(() -> users.createIndex(keys, new IndexOptions().unique(true)))
                    .isInstanceOfSatisfying(MongoServerException.class, e -> assertThat(e.getCode()).isEqualTo(11000));
            users.deleteOne(new Document("_id", "3"));
            users.createIndex(keys, new IndexOptions().unique(true));
            assertThatThrownBy(() -> users.insertOne(user("4", "t1", "a@x"))).isInstanceOf(MongoWriteException.class);
        }
    }

    @Test
    void findsByTheUniqueKeyAsTheLibraryDoes() {
        assertSameOutcomes(users -> {
            users.createIndex(new Document("email", 1), new IndexOptions().unique(true));
            users.insertMany(List.of(user("1", "t1", "a@x"), user("2", "t1", "b@x"), user("3", "t1", "ab@x")));
            users.insertOne(user("4", "t1", "b@x"));
            users.insertOne(user("5", "t1", "abc@x"));
        }, users -> List.of(
                users.find(new Document("email", "b@x")).into(new ArrayList<>()),
                users.find(new Document("email", new Document("$in", List.of("ab@x", "a@x")))).into(new ArrayList<>()),
                users.find(new Document("email", Pattern.compile("^ab"))).into(new ArrayList<>()),
                users.find(new Document("_id", Pattern.compile("[1-4]"))).into(new ArrayList<>())));
    }

    private void assertSameOutcomes(Consumer<MongoCollection<Document>> writes) {
        assertSameOutcomes(writes, users -> List.of());
    }

    /**
     * Runs the writes one by one on our H2 backend and on the library's, recording each outcome (or error code and
     * message); then the reads. Both sides must agree on every step and on the collection left behind.
     */
    private void assertSameOutcomes(Consumer<MongoCollection<Document>> writes,
                                    Function<MongoCollection<Document>, List<?>> reads) {
        try (EmbeddedStore ours = EmbeddedStore.h2(folder.resolve("ours.mv.db"));
             EmbeddedStore library = EmbeddedStore.of(H2Backend.inMemory())) {
            List<String> ourOutcomes = run(ours, writes);
            List<String> libraryOutcomes = run(library, writes);
            MongoCollection<Document> ourUsers = ours.database().getCollection(USERS);
            MongoCollection<Document> libraryUsers = library.database().getCollection(USERS);

            assertThat(ourOutcomes).isEqualTo(libraryOutcomes);
            assertThat(ourOutcomes).anyMatch(outcome -> outcome.startsWith("11000"));
            assertThat(ourUsers.find().into(new ArrayList<>())).isEqualTo(libraryUsers.find().into(new ArrayList<>()));
            assertThat(reads.apply(ourUsers)).isEqualTo(reads.apply(libraryUsers));
        }
    }

    /** Each write's outcome, in order: "ok" or the error's code and message. */
    private static List<String> run(EmbeddedStore store, Consumer<MongoCollection<Document>> writes) {
        List<String> outcomes = new ArrayList<>();
        MongoCollection<Document> users = store.database().getCollection(USERS);
        writes.accept(new RecordingCollection(users, outcomes).proxy());
        return outcomes;
    }

    private static Document user(String id, String tenantId, String email) {
        return new Document("_id", id).append("tenantId", tenantId).append("email", email);
    }

    /** A collection whose write methods record their outcome instead of throwing, so that every step runs. */
    private record RecordingCollection(MongoCollection<Document> target, List<String> outcomes) {

        private static final Pattern RANDOM_UUID = Pattern.compile("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");

        @SuppressWarnings("unchecked")
        MongoCollection<Document> proxy() {
            return (MongoCollection<Document>) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {MongoCollection.class}, (proxy, method, args) -> {
                        try {
                            Object result = method.invoke(target, args);
                            outcomes.add(method.getName() + " ok " + result);
                            return result;
                        } catch (InvocationTargetException e) {
                            outcomes.add(describe(e.getCause()));
                            return null;
                        }
                    });
        }

        private static String describe(Throwable failure) {
            return switch (failure) {
                case MongoWriteException write -> write.getError().getCode() + " " + write.getError().getMessage();
                case MongoBulkWriteException bulk -> bulk.getWriteErrors().getFirst().getCode() + " "
                        + bulk.getWriteErrors().getFirst().getMessage();
                case MongoCommandException command -> command.getErrorCode() + " " + command.getErrorMessage();
                // A failed index build names the build and collection by random UUIDs; the rest must agree.
                case MongoServerException server -> server.getCode() + " " + RANDOM_UUID.matcher(server.getMessage()).replaceAll("<uuid>");
                default -> throw new AssertionError("Unexpected failure", failure);
            };
        }
    }
}
