package io.parley.migrate;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * A LibreChat 0.8 database on an embedded MongoDB-wire server, in the shapes {@code @librechat/data-schemas}
 * describes: two people (one with a bcrypt hash, one signed in with Google and missing optional fields), their
 * balances and a transaction, a conversation with a branch and content parts, one of 10,000 messages, an
 * agent, files (one in the uploads folder, one whose bytes are gone, one in S3), and collections Parley leaves
 * behind (sessions, keys).
 */
final class LibreChatFixture implements AutoCloseable {

    static final int LONG_CONVERSATION = 10_000;

    final MongoServer server = new MongoServer(new MemoryBackend());
    final String uri;
    final Path uploads;
    final ObjectId ada = new ObjectId();
    final ObjectId bob = new ObjectId();
    final String fileId = UUID.randomUUID().toString();
    final byte[] fileBytes = "quarterly numbers\n".getBytes(StandardCharsets.UTF_8);
    private final MongoClient client;
    final MongoDatabase db;

    LibreChatFixture() throws IOException {
        server.bind("127.0.0.1", 0);
        uri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort() + "/LibreChat";
        client = MongoClients.create(uri);
        db = client.getDatabase("LibreChat");
        uploads = Files.createTempDirectory("librechat-uploads");
    }

    /** Everything above. */
    LibreChatFixture seeded() throws IOException {
        Date now = new Date();
        db.getCollection("roles").insertOne(new Document("name", "USER").append("permissions",
                new Document("PROMPTS", new Document("USE", true).append("CREATE", true))));
        db.getCollection("users").insertMany(List.of(
                new Document("_id", ada).append("name", "Ada").append("username", "ada").append("email", "ada@example.com")
                        .append("emailVerified", true).append("password", "$2a$10$abcdefghijklmnopqrstuu")
                        .append("provider", "local").append("role", "ADMIN").append("plugins", List.of())
                        .append("twoFactorEnabled", false).append("termsAccepted", true).append("createdAt", now)
                        .append("updatedAt", now).append("__v", 0),
                new Document("_id", bob).append("email", "bob@example.com").append("provider", "google")
                        .append("googleId", "1234").append("emailVerified", true)));
        db.getCollection("balances").insertOne(new Document("user", ada).append("tokenCredits", 5000.5));
        db.getCollection("transactions").insertOne(new Document("user", ada).append("tokenType", "prompt")
                .append("rawAmount", -10).append("tokenValue", -25.0).append("rate", 2.5));
        String convo = UUID.randomUUID().toString();
        String root = UUID.randomUUID().toString();
        db.getCollection("conversations").insertMany(List.of(
                new Document("conversationId", convo).append("user", ada.toHexString()).append("title", "Plans")
                        .append("endpoint", "openAI").append("createdAt", now).append("updatedAt", now),
                new Document("conversationId", "unmappable").append("user", ada.toHexString())));
        db.getCollection("messages").insertMany(List.of(
                new Document("messageId", root).append("conversationId", convo).append("user", ada.toHexString())
                        .append("text", "Hi").append("isCreatedByUser", true),
                new Document("messageId", UUID.randomUUID().toString()).append("conversationId", convo)
                        .append("user", ada.toHexString()).append("parentMessageId", root).append("isCreatedByUser", false)
                        .append("content", List.of(new Document("type", "think").append("think", "hmm"),
                                new Document("type", "text").append("text", "Hello"))),
                new Document("messageId", UUID.randomUUID().toString()).append("conversationId", convo)
                        .append("user", ada.toHexString()).append("parentMessageId", root).append("text", "Another branch")));
        String longConvo = UUID.randomUUID().toString();
        db.getCollection("conversations").insertOne(new Document("conversationId", longConvo).append("user", ada.toHexString()));
        List<Document> many = new ArrayList<>();
        String parent = null;
        for (int i = 0; i < LONG_CONVERSATION; i++) {
            String id = UUID.randomUUID().toString();
            many.add(new Document("messageId", id).append("conversationId", longConvo).append("user", ada.toHexString())
                    .append("parentMessageId", parent).append("text", "message " + i + " " + "x".repeat(200)));
            parent = id;
        }
        db.getCollection("messages").insertMany(many);
        db.getCollection("agents").insertOne(new Document("id", "agent_V1StGXR8_Z5jdHi6B-myT").append("name", "Helper")
                .append("provider", "openAI").append("model", "gpt-4o").append("author", ada));
        Files.createDirectories(uploads.resolve(ada.toHexString()));
        Files.write(uploads.resolve(ada.toHexString()).resolve(fileId + "__q.txt"), fileBytes);
        db.getCollection("files").insertMany(List.of(
                new Document("user", ada).append("file_id", fileId).append("filename", "q.txt")
                        .append("filepath", "/uploads/" + ada.toHexString() + "/" + fileId + "__q.txt").append("type", "text/plain")
                        .append("bytes", fileBytes.length).append("source", "local"),
                new Document("user", ada).append("file_id", UUID.randomUUID().toString()).append("filename", "gone.txt")
                        .append("filepath", "/uploads/" + ada.toHexString() + "/gone.txt").append("source", "local"),
                new Document("user", ada).append("file_id", UUID.randomUUID().toString()).append("filename", "s3.pdf")
                        .append("filepath", "https://bucket.s3.amazonaws.com/x.pdf").append("source", "s3")));
        db.getCollection("sessions").insertOne(new Document("user", ada).append("refreshTokenHash", "x"));
        db.getCollection("keys").insertMany(List.of(new Document("userId", ada.toHexString()).append("name", "openAI"),
                new Document("userId", bob.toHexString()).append("name", "openAI")));
        return this;
    }

    @Override
    public void close() throws IOException {
        client.close();
        server.shutdownNow();
        try (var files = Files.walk(uploads)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
