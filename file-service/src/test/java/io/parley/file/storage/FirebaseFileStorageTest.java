package io.parley.file.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.common.test.FirebaseStorageEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ByteArrayResource;

/**
 * The firebase strategy, Google's Cloud Storage client, against the Firebase Storage emulator on
 * loopback: uploads (resumable, in chunks), metadata, ranged and whole reads and deletes travel the Cloud
 * Storage JSON API. The emulator serves a signed URL's path without checking it, so signatures and
 * their lifetime are checked here as Cloud Storage checks them ({@link V4SignedUrl}).
 */
class FirebaseFileStorageTest extends FileStorageContract {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final TestServiceAccount KEY = TestServiceAccount.create();

    @TempDir
    static Path data;
    private static FirebaseStorageEmulator server;
    /** Between the storage and the emulator, counting what reaches the store. */
    private static CountingProxy wire;
    private static FirebaseFileStorage storage;

    @BeforeAll
    static void start() throws Exception {
        server = FirebaseStorageEmulator.start(data);
        wire = CountingProxy.to(server.port());
        storage = new FirebaseFileStorage(settings(KEY.json(), Duration.ofMinutes(2)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (wire != null) {
            wire.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Override
    FileStorage storage() {
        return storage;
    }

    @Override
    long bytesReceived() {
        return wire.sentUpstream();
    }

    private static FirebaseStorageProperties settings(String serviceAccount, Duration urlExpiry) {
        return new FirebaseStorageProperties("demo-parley", FirebaseStorageEmulator.BUCKET, serviceAccount,
                "127.0.0.1:" + wire.port(), urlExpiry);
    }

    @Test
    void aSignedUrlIsTheServiceAccountsV4SignatureOfAGetOfThatObjectForTheConfiguredTime() throws Exception {
        String key = key();
        storage.put(key, new ByteArrayResource(new byte[] {1}), 1);
        Instant before = Instant.now().minusSeconds(1);

        V4SignedUrl url = V4SignedUrl.of(new FirebaseFileStorage(settings(KEY.json(), Duration.ofSeconds(300)))
                .directUrl(key, "report.txt", "text/plain"));

        assertThat(url.url().getRawPath()).isEqualTo("/" + FirebaseStorageEmulator.BUCKET + "/" + key);
        assertThat(url.signedBy(KEY.publicKey())).as("signed by the service account: %s", url).isTrue();
        assertThat(url.forPath("/" + FirebaseStorageEmulator.BUCKET + "/" + key()).signedBy(KEY.publicKey()))
                .as("the signature covers the object's path").isFalse();
        assertThat(url.param("X-Goog-Algorithm")).isEqualTo("GOOG4-RSA-SHA256");
        assertThat(url.param("X-Goog-Credential")).startsWith(KEY.email() + "/");
        assertThat(url.param("X-Goog-Expires")).isEqualTo("300");
        Instant signedAt = Instant.from(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
                .parse(url.param("X-Goog-Date")));
        assertThat(signedAt).isBetween(before, Instant.now());
        assertThat(url.param("response-content-disposition")).startsWith("attachment; filename=\"report.txt\"");
        assertThat(url.param("response-content-type")).isEqualTo("text/plain");
    }

    @Test
    void aSignedUrlFetchesTheBytesWithoutCredentials() throws Exception {
        String key = key();
        byte[] content = "direct".getBytes(StandardCharsets.UTF_8);
        storage.put(key, new ByteArrayResource(content), content.length);

        HttpResponse<byte[]> response = CLIENT.send(HttpRequest.newBuilder(storage.directUrl(key, "a.txt", "text/plain"))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(content);
    }

    @Test
    void withoutAKeyNothingIsSignedAndDownloadsGoThroughTheService() throws IOException {
        FirebaseFileStorage unsigned = new FirebaseFileStorage(settings("", Duration.ofMinutes(2)));
        String key = key();
        unsigned.put(key, new ByteArrayResource(new byte[] {4, 2}), 2);

        assertThat(unsigned.directUrl(key, "a.txt", "text/plain")).isNull();
        try (InputStream in = unsigned.open(key).getInputStream()) {
            assertThat(in.readAllBytes()).containsExactly(4, 2);
        }
    }

    @Test
    void anUploadThatBreaksOffAfterAChunkLeavesNothingUnderTheKey() throws IOException {
        String key = key();
        long size = 3L * FirebaseFileStorage.CHUNK;

        assertThatThrownBy(() -> storage.put(key, () -> new PatternStream(size) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (position() >= FirebaseFileStorage.CHUNK + 1024) {
                    throw new IOException("the client went away");
                }
                return super.read(b, off, len);
            }
        }, size)).isInstanceOf(IOException.class);

        assertThat(storage.open(key)).as("the chunk sent is not an object").isNull();
    }

    @Test
    void anUploadShorterThanItsAnnouncedLengthLeavesNothingUnderTheKey() throws IOException {
        String key = key();

        assertThatThrownBy(() -> storage.put(key, new ByteArrayResource(new byte[] {1, 2, 3}), 5))
                .isInstanceOf(IOException.class).hasMessageContaining("3 bytes, not the 5");

        assertThat(storage.open(key)).isNull();
    }

    @Test
    void withoutABucketTheStrategyRefusesToStart() {
        assertThatThrownBy(() -> new FirebaseFileStorage(new FirebaseStorageProperties("demo-parley", " ", "", server.host(),
                Duration.ofMinutes(2)))).isInstanceOf(IllegalStateException.class).hasMessageContaining("FIREBASE_STORAGE_BUCKET");
    }

    @Test
    void aServiceAccountThatIsNoKeyRefusesToStartWithoutRepeatingIt() {
        assertThatThrownBy(() -> new FirebaseFileStorage(new FirebaseStorageProperties("demo-parley",
                FirebaseStorageEmulator.BUCKET, "{\"type\":\"service_account\",\"secret\":\"s3cr3t\"}", server.host(),
                Duration.ofMinutes(2))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("FIREBASE_SERVICE_ACCOUNT")
                .hasMessageNotContaining("s3cr3t");
        assertThatThrownBy(() -> new FirebaseFileStorage(new FirebaseStorageProperties("demo-parley",
                FirebaseStorageEmulator.BUCKET, data.resolve("missing.json").toString(), server.host(), Duration.ofMinutes(2))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("FIREBASE_SERVICE_ACCOUNT");
    }
}
