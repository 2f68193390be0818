package io.parley.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command against a LibreChat database on an embedded MongoDB-wire server and four services' import on
 * loopback gRPC ports ({@link FakeParley}, which answers as the real ones do; the services' own tests show
 * their mapping into their stores, e2e's {@code LibreChatMigrationE2ETest} the whole way through the real jars).
 */
class MigrateLibreChatTest {

    private LibreChatFixture librechat;
    private FakeParley parley;
    @TempDir
    Path checkpoints;

    @BeforeEach
    void start() throws IOException {
        librechat = new LibreChatFixture().seeded();
        parley = new FakeParley();
    }

    @AfterEach
    void stop() throws IOException {
        parley.close();
        librechat.close();
    }

    record Run(int exit, String out, String err) {
    }

    private Run run(String token, String... args) {
        return run(token, false, args);
    }

    private Run run(String token, boolean terminal, String... args) {
        Map<String, String> env = new HashMap<>(parley.environment());
        if (token != null) {
            env.put("PARLEY_ADMIN_TOKEN", token);
        }
        return run(env, terminal, args);
    }

    private Run run(Map<String, String> env, boolean terminal, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = MigrateLibreChat.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), terminal);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String admin() {
        return FakeParley.token("acme", "ADMIN", 600);
    }

    private String[] migrate(String... more) {
        List<String> args = new ArrayList<>(List.of("--from", librechat.uri, "--uploads", librechat.uploads.toString(),
                "--checkpoint-dir", checkpoints.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void everyCollectionGoesToItsServiceAndTheSummaryCountsWhatBecameOfIt() {
        Run run = run(admin(), migrate());

        assertThat(run.exit()).isZero();
        assertThat(parley.count("users")).isEqualTo(2);
        assertThat(parley.count("balances")).isEqualTo(1);
        assertThat(parley.count("transactions")).isEqualTo(1);
        assertThat(parley.count("conversations")).isEqualTo(2);
        assertThat(parley.count("messages")).isEqualTo(3 + LibreChatFixture.LONG_CONVERSATION);
        assertThat(parley.count("agents")).isEqualTo(1);
        assertThat(parley.bytes.get(librechat.fileId)).isEqualTo(librechat.fileBytes);
        assertThat(run.out()).contains("-> Parley tenant acme");
        assertThat(counts(run.out(), "users")).containsExactly(2L, 2L, 0L, 0L, 0L);
        assertThat(counts(run.out(), "conversations")).containsExactly(3L, 2L, 0L, 1L, 0L);
        assertThat(counts(run.out(), "messages")).containsExactly(10_003L, 10_003L, 0L, 0L, 0L);
        assertThat(counts(run.out(), "files")).containsExactly(3L, 1L, 0L, 2L, 0L);
        assertThat(run.out()).contains("conversations: cannot be mapped (1)")
                .contains("files: its bytes are in LibreChat's s3 storage, which is not set up here: set AWS_BUCKET_NAME")
                .contains("files: its bytes are not in " + librechat.uploads.toAbsolutePath() + " (1)");
        assertThat(run.out()).contains("Not migrated:");
        assertThat(line(run.out(), "sessions")).contains("1").contains("people sign in again");
        assertThat(line(run.out(), "keys")).contains("2").contains("CREDS_KEY");
    }

    @Test
    void collectionsGoInOrderPeopleFirstAndMessagesAfterTheirConversations() {
        run(admin(), migrate());

        List<String> order = parley.calls.stream().map(call -> call.split(":")[0]).distinct().toList();
        assertThat(order).containsSubsequence("roles", "users", "balances", "conversations", "messages", "agents", "files");
        assertThat(order.indexOf("users")).isLessThan(order.indexOf("conversations"));
    }

    @Test
    void aTenThousandMessageConversationGoesInBatchesAndEachMessageOnce() {
        run(admin(), migrate("--batch-size", "1000"));

        assertThat(parley.largestBatch.get()).isLessThanOrEqualTo(1000);
        assertThat(parley.calls.stream().filter(call -> call.startsWith("messages:")).count()).isGreaterThanOrEqualTo(10);
        assertThat(parley.count("messages")).isEqualTo(3 + LibreChatFixture.LONG_CONVERSATION);
    }

    @Test
    void aSecondRunAddsNothing() {
        run(admin(), migrate());

        Run again = run(admin(), migrate());
        Run restarted = run(admin(), migrate("--restart"));

        assertThat(again.exit()).isZero();
        assertThat(counts(again.out(), "messages")).containsExactly(0L, 0L, 0L, 0L, 0L);
        assertThat(counts(restarted.out(), "messages")).containsExactly(10_003L, 0L, 10_003L, 0L, 0L);
        assertThat(counts(restarted.out(), "users")).containsExactly(2L, 0L, 2L, 0L, 0L);
        assertThat(parley.count("messages")).isEqualTo(3 + LibreChatFixture.LONG_CONVERSATION);
    }

    @Test
    void anInterruptedRunContinuesWhereItStopped() {
        parley.failing = "messages";
        parley.failAfter.set(3);

        Run stopped = run(admin(), migrate("--batch-size", "1000"));

        assertThat(stopped.exit()).isEqualTo(1);
        assertThat(stopped.err().strip().lines().toList().getLast())
                .startsWith("parley migrate-librechat: chat-service at 127.0.0.1:").contains("does not answer");
        assertThat(stopped.out()).startsWith("Stopped early; run the same command again to continue:");
        int before = parley.count("messages");
        assertThat(before).isBetween(1, 10_002);

        Run resumed = run(admin(), migrate("--batch-size", "1000"));

        assertThat(resumed.exit()).isZero();
        assertThat(parley.count("messages")).isEqualTo(3 + LibreChatFixture.LONG_CONVERSATION);
        // the batch that failed is sent again; nothing before it is
        assertThat(counts(resumed.out(), "messages").get(1)).isEqualTo(10_003L - before);
        assertThat(counts(resumed.out(), "users")).containsExactly(0L, 0L, 0L, 0L, 0L);
    }

    @Test
    void aDryRunAsksTheServicesToMapOnlyAndWritesNothing() {
        Run run = run(admin(), migrate("--dry-run"));

        assertThat(run.exit()).isZero();
        assertThat(parley.written).isEmpty();
        assertThat(parley.calls).allMatch(call -> call.endsWith(":dry"));
        assertThat(run.out()).contains("dry run: nothing was written").contains("to write");
        assertThat(counts(run.out(), "messages")).containsExactly(10_003L, 10_003L, 0L, 0L, 0L);
        assertThat(checkpoints).isEmptyDirectory();
    }

    @Test
    void anUnreachableDatabaseIsOneLineAndNothingIsSent() {
        Run run = run(admin(), "--from", "mongodb://127.0.0.1:1/LibreChat");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("parley migrate-librechat: Cannot reach the LibreChat database LibreChat at "
                + "127.0.0.1:1: no answer within 5 s" + System.lineSeparator());
        assertThat(run.out()).isEmpty();
        assertThat(parley.calls).isEmpty();
    }

    @Test
    void aDatabaseThatIsNotLibreChatsIsRefusedBeforeAnythingIsSent() throws IOException {
        MongoServer other = new MongoServer(new MemoryBackend());
        other.bind("127.0.0.1", 0);
        String address = "127.0.0.1:" + other.getLocalAddress().getPort();
        try (var client = com.mongodb.client.MongoClients.create("mongodb://" + address)) {
            client.getDatabase("shop").getCollection("orders").insertOne(new Document("sku", "x"));
            client.getDatabase("crm").getCollection("users").insertOne(new Document("login", "x"));
            Run noUsers = run(admin(), "--from", "mongodb://" + address + "/shop");
            Run otherUsers = run(admin(), "--from", "mongodb://" + address + "/crm");

            assertThat(noUsers.exit()).isEqualTo(1);
            assertThat(noUsers.err()).contains("is not a LibreChat database: it has no users collection");
            assertThat(otherUsers.err()).contains("is not a LibreChat database: its users lack LibreChat's fields");
            assertThat(parley.calls).isEmpty();
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void aTokenThatIsNotAnAdminsOrOfAnotherTenantOrExpiredIsRefusedBeforeAnythingIsSent() {
        assertThat(run(null, migrate()).err()).contains("no credentials: set PARLEY_OPERATOR_KEY")
                .contains("or PARLEY_ADMIN_TOKEN");
        assertThat(run(FakeParley.token("acme", "USER", 600), migrate()).err()).contains("is not an ADMIN's token");
        assertThat(run(admin(), migrate("--tenant", "other")).err()).contains("is a token of tenant acme, not of other");
        assertThat(run(FakeParley.token("acme", "ADMIN", -60), migrate()).err()).contains("has expired");
        assertThat(parley.calls).isEmpty();
    }

    @Test
    void theOperatorKeyAloneIsEnoughItsTokenWritesIntoTheGatewaysTenant() throws IOException {
        try (FakeGateway gateway = new FakeGateway()) {
            Map<String, String> env = new HashMap<>(parley.environment());
            env.put("PARLEY_OPERATOR_KEY", FakeGateway.KEY);
            env.put("PARLEY_URL", gateway.url());

            Run run = run(env, false, migrate());

            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out()).contains("-> Parley tenant acme");
            assertThat(parley.count("users")).isEqualTo(2);
            assertThat(parley.count("messages")).isEqualTo(3 + LibreChatFixture.LONG_CONVERSATION);
            assertThat(parley.bytes.get(librechat.fileId)).isEqualTo(librechat.fileBytes);
            assertThat(gateway.issued.get()).isEqualTo(1);
        }
    }

    @Test
    void anOperatorTokenNearItsEndIsExchangedForANewOneAndTheRunGoesOn() throws IOException {
        try (FakeGateway gateway = new FakeGateway()) {
            gateway.lifetimeSeconds = OperatorKeyTokens.RENEW_BEFORE.toSeconds() - 1;
            Map<String, String> env = new HashMap<>(parley.environment());
            env.put("PARLEY_OPERATOR_KEY", FakeGateway.KEY);

            Run run = run(env, false, migrate("--url", gateway.url(), "--batch-size", "2000"));

            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(parley.count("messages")).isEqualTo(3 + LibreChatFixture.LONG_CONVERSATION);
            assertThat(gateway.issued.get()).isGreaterThan(5);
        }
    }

    @Test
    void aWrongOperatorKeyOrAnotherTenantStopsTheRunBeforeAnythingIsSent(@TempDir Path keys) throws IOException {
        try (FakeGateway gateway = new FakeGateway()) {
            Path wrong = Files.writeString(keys.resolve("operator.key"), "f".repeat(64) + "\n");
            Map<String, String> env = new HashMap<>(parley.environment());
            env.put("PARLEY_URL", gateway.url());

            Run wrongKey = run(env, false, migrate("--operator-key-file", wrong.toString()));
            env.put("PARLEY_OPERATOR_KEY", FakeGateway.KEY);
            Run otherTenant = run(env, false, migrate("--tenant", "other"));

            assertThat(wrongKey.exit()).isEqualTo(1);
            assertThat(wrongKey.err()).contains("the operator key (PARLEY_OPERATOR_KEY) was not exchanged")
                    .contains("The operator key is not this installation's [HTTP 403]").doesNotContain("f".repeat(64));
            assertThat(otherTenant.exit()).isEqualTo(1);
            assertThat(otherTenant.err()).contains("not 'other'");
            assertThat(parley.calls).isEmpty();
        }
    }

    @Test
    void withLibreChatsCredsKeyPeoplesOwnKeysGoToChatServiceOpenedInEveryFormLibreChatSeals() throws Exception {
        byte[] key = new byte[32];
        byte[] iv = new byte[16];
        new java.security.SecureRandom().nextBytes(key);
        new java.security.SecureRandom().nextBytes(iv);
        java.util.HexFormat hex = java.util.HexFormat.of();
        byte[] ownIv = new byte[16];
        new java.security.SecureRandom().nextBytes(ownIv);
        String v1 = hex.formatHex(aes("AES/CBC/PKCS5Padding", key, iv, "sk-legacy"));
        String v2 = hex.formatHex(ownIv) + ":" + hex.formatHex(aes("AES/CBC/PKCS5Padding", key, ownIv, "{\"apiKey\":\"sk-v2\"}"));
        String v3 = "v3:" + hex.formatHex(ownIv) + ":" + hex.formatHex(aes("AES/CTR/NoPadding", key, ownIv, "sk-v3"));
        byte[] otherKey = key.clone();
        otherKey[0] ^= 1;
        String foreign = hex.formatHex(aes("AES/CBC/PKCS5Padding", otherKey, iv, "sk-elsewhere"));
        librechat.db.getCollection("keys").insertMany(List.of(
                new Document("userId", librechat.ada).append("name", "openAI2").append("value", v1),
                new Document("userId", librechat.ada).append("name", "custom").append("value", v2),
                new Document("userId", librechat.bob).append("name", "anthropic").append("value", v3),
                new Document("userId", librechat.bob).append("name", "google").append("value", foreign)));
        Map<String, String> env = new HashMap<>(parley.environment());
        env.put("PARLEY_ADMIN_TOKEN", admin());
        env.put("CREDS_KEY", hex.formatHex(key));
        env.put("CREDS_IV", hex.formatHex(iv));

        Run run = run(env, false, migrate());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(parley.keys).hasSize(3).allSatisfy(json -> assertThat(json).doesNotContain("\"value\""))
                .map(json -> Document.parse(json).getString("decryptedValue"))
                .containsExactlyInAnyOrder("sk-legacy", "{\"apiKey\":\"sk-v2\"}", "sk-v3");
        assertThat(counts(run.out(), "keys")).containsExactly(6L, 3L, 0L, 3L, 0L);
        assertThat(run.out()).contains("keys: it has no value (2)")
                .contains("keys: its value does not open with the CREDS_KEY and CREDS_IV given")
                .doesNotContain("sk-elsewhere").doesNotContain("sk-legacy");
        assertThat(run(env, false, migrate("--restart")).out()).doesNotContain("sk-");
    }

    private static byte[] aes(String transformation, byte[] key, byte[] iv, String plaintext) throws Exception {
        javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance(transformation);
        cipher.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"),
                new javax.crypto.spec.IvParameterSpec(iv));
        return cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aServiceThatDoesNotAnswerStopsTheRunBeforeAnythingIsWritten() {
        Run run = run(admin(), migrate("--agent-grpc", "127.0.0.1:1"));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("agent-service at 127.0.0.1:1 does not answer");
        assertThat(parley.written).isEmpty();
    }

    @Test
    void progressIsABarPerCollectionRedrawnOnATerminalAndLinesElsewhere() {
        Run logged = run(admin(), migrate());
        parley.written.clear();
        Run shown = run(admin(), true, migrate("--restart"));

        assertThat(logged.err()).contains("messages           [##############################] 10003/10003")
                .doesNotContain("\r");
        assertThat(shown.err()).contains("\rmessages           [").contains("] 10003/10003");
    }

    @Test
    void aWrongCommandLineShowsTheUsage() {
        Run run = run(admin(), "--from");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--from needs a value").contains("usage: ./parley migrate-librechat");
    }

    /** The counts of a collection's summary line: read, written, present, skipped, warnings. */
    private static List<Long> counts(String out, String collection) {
        return java.util.Arrays.stream(line(out, collection).strip().split("\\s+")).skip(1).map(Long::parseLong).toList();
    }

    /** The summary line of a collection. */
    private static String line(String out, String collection) {
        return out.lines().filter(l -> l.strip().startsWith(collection + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + collection + " in\n" + out));
    }
}
