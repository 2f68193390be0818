package io.parley.common.mongo.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Writers, readers and index creation at once: the lookups change under the collection's lock like the
 * documents do, so nothing fails and every list read from an index is the list a scan reads.
 */
class IndexedCollectionConcurrencyTest {

    private static final String CONVERSATIONS = "conversations";
    private static final int WRITERS = 4;
    private static final int CONVERSATIONS_PER_WRITER = 60;

    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2"})
    void concurrentWritesReadsAndIndexCreationKeepTheIndexInStep(String backend) throws Exception {
        try (EmbeddedStore store = backend.equals("h2") ? EmbeddedStore.h2(folder.resolve("concurrent.mv.db")) : EmbeddedStore.memory()) {
            MongoCollection<Document> conversations = store.database().getCollection(CONVERSATIONS);
            List<Document> others = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                others.add(new Document("tenantId", "t0").append("user", "someone-else"));
            }
            conversations.insertMany(others);
            ExecutorService threads = Executors.newFixedThreadPool(WRITERS + 1);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Future<?>> work = new ArrayList<>();
                for (int writer = 0; writer < WRITERS; writer++) {
                    String user = "u" + writer;
                    work.add(threads.submit(() -> {
                        start.await();
                        writeAndRead(conversations, user);
                        return null;
                    }));
                }
                work.add(threads.submit((Callable<Void>) () -> {
                    start.await();
                    conversations.createIndex(new Document("tenantId", 1).append("user", 1).append("updatedAt", -1));
                    conversations.createIndex(new Document("user", 1).append("n", 1));
                    return null;
                }));
                start.countDown();
                for (Future<?> done : work) {
                    done.get();
                }
            } finally {
                threads.shutdownNow();
            }

            long before = store.queriesAnsweredFromIndexes(CONVERSATIONS);
            for (int writer = 0; writer < WRITERS; writer++) {
                Document mine = new Document("tenantId", "t1").append("user", "u" + writer);
                List<Document> fromIndex = conversations.find(mine).into(new ArrayList<>());
                List<Document> fromScan = conversations.find(mine).sort(new Document("$natural", 1)).into(new ArrayList<>());
                assertThat(fromIndex).isEqualTo(fromScan).hasSize(CONVERSATIONS_PER_WRITER / 2);
            }
            assertThat(store.queriesAnsweredFromIndexes(CONVERSATIONS)).isEqualTo(before + WRITERS);
        }
    }

    /** Inserts, updates half, deletes the other half's copies, and reads its own list along the way. */
    private static void writeAndRead(MongoCollection<Document> conversations, String user) {
        for (int i = 0; i < CONVERSATIONS_PER_WRITER; i++) {
            conversations.insertOne(new Document("tenantId", "t1").append("user", user).append("n", i).append("updatedAt", i));
            if (i % 2 == 1) {
                conversations.updateOne(new Document("tenantId", "t1").append("user", user).append("n", i),
                        new Document("$set", new Document("user", user + "-moved")));
            }
            conversations.find(new Document("tenantId", "t1").append("user", user)).into(new ArrayList<>());
        }
        conversations.deleteMany(new Document("tenantId", "t1").append("user", user + "-moved"));
    }
}
