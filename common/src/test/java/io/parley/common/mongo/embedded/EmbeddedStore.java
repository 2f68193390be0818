package io.parley.common.mongo.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/** An embedded server on a loopback port with a real driver connected to it, as a service runs them. */
final class EmbeddedStore implements AutoCloseable {

    static final String DATABASE = "parley_test";

    private final AbstractMongoBackend backend;
    private final MongoServer server;
    private final MongoClient client;

    private EmbeddedStore(AbstractMongoBackend backend) {
        this.backend = backend;
        this.server = new MongoServer(backend);
        InetSocketAddress address = server.bind();
        this.client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
    }

    /** A server on any backend, such as the library's own as a reference. */
    static EmbeddedStore of(AbstractMongoBackend backend) {
        return new EmbeddedStore(backend);
    }

    static EmbeddedStore memory() {
        return new EmbeddedStore(new IndexedMemoryBackend());
    }

    static EmbeddedStore h2(Path file) {
        return new EmbeddedStore(new IndexedH2Backend(file.toString()));
    }

    MongoClient client() {
        return client;
    }

    MongoDatabase database() {
        return client.getDatabase(DATABASE);
    }

    /** The server-side collection, to see whether queries took the index path. */
    IndexedCollection serverSide(String collection) {
        return (IndexedCollection) backend.resolveDatabase(DATABASE).resolveCollection(collection, true);
    }

    long queriesAnsweredFromIndexes(String collection) {
        return serverSide(collection).queriesAnsweredFromIndexes();
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
