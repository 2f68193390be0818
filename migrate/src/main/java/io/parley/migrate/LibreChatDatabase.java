package io.parley.migrate;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.jspecify.annotations.Nullable;

/**
 * LibreChat's MongoDB database, read only: checked first (reachable, and LibreChat's), then each collection read
 * in {@code _id} order, in batches of Extended JSON (the types survive: ObjectIds, dates, 64-bit numbers).
 */
final class LibreChatDatabase implements AutoCloseable {

    /** The database LibreChat's own default {@code MONGO_URI} names. */
    static final String DEFAULT_DATABASE = "LibreChat";
    /** A batch is kept under gRPC's 4 MB message limit, documents near it going alone. */
    static final int MAX_BATCH_CHARS = 3 << 20;
    private static final JsonWriterSettings EXTENDED = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    private final MongoClient client;
    private final MongoDatabase database;
    private final String where;

    private LibreChatDatabase(MongoClient client, MongoDatabase database, String where) {
        this.client = client;
        this.database = database;
        this.where = where;
    }

    /** @throws MigrationStopped when the address is not a MongoDB address */
    static LibreChatDatabase open(String uri) {
        ConnectionString address;
        try {
            address = new ConnectionString(uri);
        } catch (IllegalArgumentException e) {
            throw new MigrationStopped("--from is not a MongoDB address (mongodb://host:port/database): " + e.getMessage());
        }
        String name = address.getDatabase() == null ? DEFAULT_DATABASE : address.getDatabase();
        MongoClientSettings settings = MongoClientSettings.builder().applyConnectionString(address)
                .applyToClusterSettings(c -> c.serverSelectionTimeout(5, TimeUnit.SECONDS))
                .applyToSocketSettings(s -> s.connectTimeout(5, TimeUnit.SECONDS))
                .build();
        MongoClient client = MongoClients.create(settings);
        return new LibreChatDatabase(client, client.getDatabase(name), "database " + name + " at "
                + String.join(",", address.getHosts()));
    }

    /**
     * That the database answers and holds LibreChat's data: a {@code users} collection whose documents have
     * LibreChat's fields.
     *
     * @throws MigrationStopped saying what is wrong, before anything is written
     */
    void check() {
        Set<String> collections;
        try {
            database.runCommand(new Document("ping", 1));
            collections = collections();
        } catch (MongoTimeoutException e) {
            throw new MigrationStopped("Cannot reach the LibreChat " + where + ": no answer within 5 s");
        } catch (MongoSecurityException e) {
            throw new MigrationStopped("The LibreChat " + where + " refused the credentials of --from");
        } catch (MongoException e) {
            throw new MigrationStopped("Cannot read the LibreChat " + where + ": " + firstLine(e.getMessage()));
        }
        if (!collections.contains("users")) {
            throw new MigrationStopped("The " + where + " is not a LibreChat database: it has no users collection");
        }
        Document user = database.getCollection("users").find().first();
        if (user == null) {
            throw new MigrationStopped("The LibreChat " + where + " has no users: there is nothing to migrate");
        }
        if (!(user.get("email") instanceof String) || !user.containsKey("provider") && !user.containsKey("emailVerified")) {
            throw new MigrationStopped("The " + where + " is not a LibreChat database: its users lack LibreChat's fields "
                    + "(email, provider)");
        }
    }

    String where() {
        return where;
    }

    Set<String> collections() {
        Set<String> names = new HashSet<>();
        database.listCollectionNames().into(names);
        names.removeIf(name -> name.startsWith("system."));
        return names;
    }

    long count(String collection, @Nullable BsonValue after) {
        return database.getCollection(collection).countDocuments(after(after));
    }

    /** One document of a collection as Extended JSON, with its {@code _id} (to continue after). */
    record Read(BsonValue id, String json) {
    }

    /**
     * The collection in {@code _id} order after {@code after} (null: from the start), in batches of at most
     * {@code size} documents and about {@value #MAX_BATCH_CHARS} characters.
     */
    Iterator<List<Read>> batches(String collection, @Nullable BsonValue after, int size) {
        MongoCursor<BsonDocument> cursor = database.getCollection(collection, BsonDocument.class).find(after(after))
                .sort(Sorts.ascending("_id")).batchSize(size).iterator();
        return new Iterator<>() {
            private @Nullable Read pending;

            @Override
            public boolean hasNext() {
                if (pending != null || cursor.hasNext()) {
                    return true;
                }
                cursor.close();
                return false;
            }

            @Override
            public List<Read> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                List<Read> batch = new ArrayList<>();
                int chars = 0;
                if (pending != null) {
                    batch.add(pending);
                    chars += pending.json().length();
                    pending = null;
                }
                while (batch.size() < size && cursor.hasNext()) {
                    BsonDocument document = cursor.next();
                    Read read = new Read(document.get("_id"), document.toJson(EXTENDED));
                    if (!batch.isEmpty() && chars + read.json().length() > MAX_BATCH_CHARS) {
                        pending = read;
                        break;
                    }
                    batch.add(read);
                    chars += read.json().length();
                }
                return batch;
            }
        };
    }

    private static Bson after(@Nullable BsonValue after) {
        return after == null ? new Document() : Filters.gt("_id", after);
    }

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "no answer";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    @Override
    public void close() {
        client.close();
    }
}
