package io.parley.common.mongo.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the H2 store acknowledged is in its file when the process dies the hard way: a store in a child
 * process is killed (SIGKILL) at random points while a client writes, and every write it acknowledged is
 * found when the file is opened again.
 */
class DurableWritesTest {

    private static final int ROUNDS = 4;
    private static final int WRITES_PER_ROUND = 50;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedWriteSurvivesAKillOfTheProcess() throws Exception {
        Path file = dir.resolve("store.mv.db");
        Random random = new Random(42);
        List<String> acknowledged = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            Process store = start(file);
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port(store) + "/?serverSelectionTimeoutMS=5000")) {
                MongoCollection<Document> docs = client.getDatabase("durable").getCollection("docs");
                int killAt = 1 + random.nextInt(WRITES_PER_ROUND);
                for (int i = 0; i < WRITES_PER_ROUND; i++) {
                    String id = round + "-" + i;
                    docs.insertOne(new Document("_id", id).append("round", round));
                    acknowledged.add(id);
                    if (i % 5 == 0 && !acknowledged.isEmpty()) {
                        String earlier = acknowledged.get(random.nextInt(acknowledged.size()));
                        if (docs.updateOne(Filters.eq("_id", earlier), Updates.set("touched", true)).getModifiedCount() == 1) {
                            updated.add(earlier);
                        }
                    }
                    if (i == killAt) {
                        break;
                    }
                }
            } finally {
                store.destroyForcibly();
                assertThat(store.waitFor(10, TimeUnit.SECONDS)).isTrue();
            }
        }

        try (EmbeddedStore reopened = EmbeddedStore.h2(file)) {
            MongoCollection<org.bson.Document> docs = reopened.client().getDatabase("durable").getCollection("docs");
            List<String> found = docs.find().map(d -> d.getString("_id")).into(new ArrayList<>());
            assertThat(found).containsAll(acknowledged);
            assertThat(docs.countDocuments(Filters.and(Filters.in("_id", updated), Filters.eq("touched", true))))
                    .isEqualTo(updated.stream().distinct().count());
        }
    }

    private static Process start(Path file) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), StoreProcess.class.getName(),
                file.toString()).redirectErrorStream(true).start();
    }

    private static int port(Process store) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(store.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("PORT ")) {
                // Keep draining what the store logs, so that it never blocks on a full pipe.
                Thread.ofVirtual().start(() -> out.lines().forEach(l -> { }));
                return Integer.parseInt(line.substring(5).trim());
            }
        }
        throw new IllegalStateException("the store process ended before it listened");
    }

    /** The store alone in a process, as a service holds it; prints its port and serves until killed. */
    public static final class StoreProcess {

        public static void main(String[] args) throws Exception {
            MongoServer server = new MongoServer(new IndexedH2Backend(args[0]));
            System.out.println("PORT " + server.bind().getPort());
            System.out.flush();
            Thread.currentThread().join();
        }
    }
}
