package io.parley.common.mongo.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;

/**
 * The cost of acknowledging a write only once it is on disk: inserts per second and latency through a
 * real driver into the embedded H2 store, the library's own backend (a background commit a second later)
 * against Parley's durable one (commit and sync before the answer, shared by concurrent writers).
 * Run by {@code bench/store-writes.sh}.
 */
public final class StoreWritesBench {

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        System.out.printf("%-34s %8s %10s %8s %8s%n", "store", "writers", "inserts/s", "p50 ms", "p99 ms");
        for (int writers : new int[] {1, 16}) {
            run("library H2 (commit a second later)", writers, seconds, file -> new H2Backend(file.toString()));
            run("durable H2 (sync before answer)", writers, seconds, file -> new IndexedH2Backend(file.toString()));
        }
    }

    private interface Backend {
        AbstractMongoBackend open(Path file);
    }

    private static void run(String name, int writers, int seconds, Backend backend) throws Exception {
        Path dir = Files.createTempDirectory("store-writes");
        MongoServer server = new MongoServer(backend.open(dir.resolve("bench.mv.db")));
        var address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            MongoCollection<Document> docs = client.getDatabase("bench").getCollection("messages");
            docs.insertOne(new Document("_id", "warm"));
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
                List<Future<?>> running = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    int writer = w;
                    running.add(pool.submit(() -> {
                        for (int i = 0; System.nanoTime() < end; i++) {
                            long started = System.nanoTime();
                            docs.insertOne(new Document("_id", writer + "-" + i).append("tenantId", "t")
                                    .append("text", "a message of a few dozen characters, as a chat has them"));
                            latencies.add(System.nanoTime() - started);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : running) {
                    f.get();
                }
            }
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            System.out.printf("%-34s %8d %10.0f %8.2f %8.2f%n", name, writers, sorted.size() / (double) seconds,
                    sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.99)) / 1e6);
        } finally {
            server.shutdownNow();
        }
    }
}
