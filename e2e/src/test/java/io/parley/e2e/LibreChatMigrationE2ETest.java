package io.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.parley.common.test.Http;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./parley migrate-librechat} the whole way: a LibreChat 0.8 database (an embedded MongoDB-wire server in
 * LibreChat's shapes, an uploads folder) brought into a tenant of the running system by the command's jar, run as
 * a process with the tenant ADMIN's token; then the migrated person signs in through the gateway with the password
 * they had in LibreChat and finds their conversations, messages (branches and content parts), agent and file.
 * A second run writes nothing.
 */
class LibreChatMigrationE2ETest extends E2ETest {

    private static final String LIBRECHAT_PASSWORD = "librechat-Pass-1";
    private static final String AGENT_ID = "agent_e2eMigratedAgent00001";

    private final String tenant = uniqueTenant("migrate");
    private final ObjectId grace = new ObjectId();
    private final ObjectId agent = new ObjectId();
    private final String convo = UUID.randomUUID().toString();
    private final String root = UUID.randomUUID().toString();
    private final String answer = UUID.randomUUID().toString();
    private final String branch = UUID.randomUUID().toString();
    private final String fileId = UUID.randomUUID().toString();
    private final byte[] fileBytes = "minutes of the meeting\n".getBytes(StandardCharsets.UTF_8);

    private MongoServer server;
    private MongoClient client;
    private String uri;
    private Path uploads;

    @BeforeEach
    void librechat() throws IOException {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        uri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort() + "/LibreChat";
        client = MongoClients.create(uri);
        uploads = Files.createTempDirectory("librechat-uploads");
        seed(client.getDatabase("LibreChat"));
    }

    @AfterEach
    void close() {
        client.close();
        server.shutdownNow();
    }

    /** LibreChat's documents as its mongoose models leave them. */
    private void seed(MongoDatabase db) throws IOException {
        Date now = new Date();
        String user = grace.toHexString();
        db.getCollection("users").insertOne(new Document("_id", grace).append("name", "Grace Hopper")
                .append("username", "grace").append("email", "grace-" + tenant + "@example.com").append("emailVerified", true)
                .append("password", new BCryptPasswordEncoder(10).encode(LIBRECHAT_PASSWORD)).append("provider", "local")
                .append("role", "USER").append("plugins", List.of()).append("twoFactorEnabled", false)
                .append("termsAccepted", true).append("refreshToken", List.of()).append("createdAt", now)
                .append("updatedAt", now).append("__v", 0));
        db.getCollection("balances").insertOne(new Document("user", grace).append("tokenCredits", 4200));
        db.getCollection("conversations").insertOne(new Document("conversationId", convo).append("user", user)
                .append("title", "Compiler notes").append("endpoint", "openAI").append("model", "gpt-4o")
                .append("messages", List.of()).append("createdAt", now).append("updatedAt", now));
        db.getCollection("messages").insertMany(List.of(
                new Document("messageId", root).append("conversationId", convo).append("user", user)
                        .append("parentMessageId", "00000000-0000-0000-0000-000000000000").append("sender", "User")
                        .append("text", "What is a compiler?").append("isCreatedByUser", true).append("createdAt", now),
                new Document("messageId", answer).append("conversationId", convo).append("user", user)
                        .append("parentMessageId", root).append("sender", "GPT-4o").append("isCreatedByUser", false)
                        .append("text", "").append("content", List.of(new Document("type", "think").append("think", "Define it"),
                                new Document("type", "text").append("text", "A program that translates programs.")))
                        .append("createdAt", new Date(now.getTime() + 1)),
                new Document("messageId", branch).append("conversationId", convo).append("user", user)
                        .append("parentMessageId", root).append("text", "It turns source into machine code.")
                        .append("createdAt", new Date(now.getTime() + 2))));
        db.getCollection("agents").insertOne(new Document("_id", agent).append("id", AGENT_ID).append("name", "Reviewer")
                .append("description", "Reviews code").append("instructions", "Be kind").append("provider", "openAI")
                .append("model", "gpt-4o").append("author", grace).append("authorName", "grace").append("tools", List.of())
                .append("createdAt", now).append("updatedAt", now));
        db.getCollection("aclentries").insertOne(new Document("principalType", "user").append("principalId", grace)
                .append("principalModel", "User").append("resourceType", "agent").append("resourceId", agent)
                .append("permBits", 15).append("roleId", new ObjectId()).append("grantedBy", grace).append("grantedAt", now));
        Path folder = Files.createDirectories(uploads.resolve(user));
        Files.write(folder.resolve(fileId + "__minutes.txt"), fileBytes);
        db.getCollection("files").insertOne(new Document("user", grace).append("file_id", fileId)
                .append("filename", "minutes.txt").append("filepath", "/uploads/" + user + "/" + fileId + "__minutes.txt")
                .append("type", "text/plain").append("bytes", fileBytes.length).append("source", "local")
                .append("context", "message_attachment").append("usage", 1).append("createdAt", now).append("updatedAt", now));
        db.getCollection("sessions").insertOne(new Document("user", grace).append("refreshTokenHash", "x"));
    }

    record Run(int exit, String output) {
    }

    /** The command's jar as {@code ./parley migrate-librechat} runs it. */
    private Run migrate(String adminToken) throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("parley.root", "..")).toAbsolutePath().normalize();
        Path jar = root.resolve("migrate/target/migrate-" + System.getProperty("parley.version", "0.1.0-SNAPSHOT") + ".jar");
        assertThat(jar).as("build with ./mvnw package first").exists();
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString(), "--from", uri, "--uploads", uploads.toString(),
                "--tenant", tenant,
                "--auth-grpc", ParleySystem.grpcAddress("auth-service"), "--chat-grpc", ParleySystem.grpcAddress("chat-service"),
                "--agent-grpc", ParleySystem.grpcAddress("agent-service"), "--file-grpc", ParleySystem.grpcAddress("file-service")));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PARLEY_ADMIN_TOKEN", adminToken);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** read, written, present, skipped, warnings of one collection in the summary. */
    private static List<Long> counts(String output, String collection) {
        String line = output.lines().filter(l -> l.startsWith(collection + " ")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no summary line for " + collection + " in\n" + output));
        return java.util.Arrays.stream(line.strip().split("\\s+")).skip(1).map(Long::parseLong).toList();
    }

    @Test
    void aMigratedPersonSignsInWithTheirLibreChatPasswordAndFindsEverythingTheyHad() throws Exception {
        String admin = signIn(tenant).substring("Bearer ".length());

        Run first = migrate(admin);

        assertThat(first.exit()).as(first.output()).isZero();
        assertThat(counts(first.output(), "users")).containsExactly(1L, 1L, 0L, 0L, 0L);
        assertThat(counts(first.output(), "messages")).containsExactly(3L, 3L, 0L, 0L, 0L);
        assertThat(counts(first.output(), "agents")).containsExactly(1L, 1L, 0L, 0L, 0L);
        assertThat(counts(first.output(), "files")).containsExactly(1L, 1L, 0L, 0L, 0L);
        assertThat(first.output()).contains("Not migrated:").contains("sessions");

        Http.Response login = post("/api/auth/login", "{\"email\":\"grace-%s@example.com\",\"password\":\"%s\"}"
                .formatted(tenant, LIBRECHAT_PASSWORD), "X-Tenant", tenant);
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        assertThat(login.json().at("/user/id").asString()).isEqualTo(grace.toHexString());
        String auth = bearer(login);

        JsonNode convos = as(tenant, auth, "GET", "/api/convos", null).json().get("conversations");
        assertThat(convos).hasSize(1);
        assertThat(convos.get(0).get("title").asString()).isEqualTo("Compiler notes");
        JsonNode messages = as(tenant, auth, "GET", "/api/messages/" + convo, null).json();
        assertThat(messages).hasSize(3);
        assertThat(messages.findValuesAsString("messageId")).containsExactlyInAnyOrder(root, answer, branch);
        assertThat(as(tenant, auth, "GET", "/api/messages/" + convo + "/" + answer, null).json()
                .at("/0/content/1/text").asString()).isEqualTo("A program that translates programs.");
        JsonNode agentRead = as(tenant, auth, "GET", "/api/agents/" + AGENT_ID, null).json();
        assertThat(agentRead.get("name").asString()).isEqualTo("Reviewer");
        assertThat(agentRead.get("_id").asString()).isEqualTo(agent.toHexString());
        JsonNode files = as(tenant, auth, "GET", "/api/files", null).json();
        assertThat(files.findValuesAsString("file_id")).containsExactly(fileId);
        Http.Response download = as(tenant, auth, "GET", "/api/files/download/" + grace.toHexString() + "/" + fileId, null);
        assertThat(download.body()).isEqualTo("minutes of the meeting\n");

        Run second = migrate(admin);

        assertThat(second.exit()).as(second.output()).isZero();
        for (String collection : List.of("users", "balances", "conversations", "messages", "agents", "files", "aclentries")) {
            assertThat(counts(second.output(), collection).get(1)).as(collection).isZero();
        }
        assertThat(as(tenant, auth, "GET", "/api/messages/" + convo, null).json()).hasSize(3);
    }

    @Test
    void aDatabaseThatCannotBeReachedIsOneLineBeforeAnythingIsWritten() throws Exception {
        String admin = signIn(tenant).substring("Bearer ".length());
        uri = "mongodb://127.0.0.1:1/LibreChat";

        Run run = migrate(admin);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.output().lines().filter(l -> !l.startsWith("WARNING")).toList())
                .containsExactly("parley migrate-librechat: Cannot reach the LibreChat database LibreChat at 127.0.0.1:1: "
                        + "no answer within 5 s");
    }
}
