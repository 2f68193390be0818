package io.parley.file.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ByteArrayResource;

/** The azure_blob strategy against Azurite, Microsoft's storage emulator, on loopback. */
class AzureBlobFileStorageTest extends FileStorageContract {

    @TempDir
    static Path data;
    private static Azurite server;
    private static AzureBlobFileStorage storage;

    @BeforeAll
    static void start() throws Exception {
        server = Azurite.start(data);
        storage = new AzureBlobFileStorage(new AzureBlobProperties(server.connectionString(), "parley-files",
                Duration.ofMinutes(2)));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    FileStorage storage() {
        return storage;
    }

    @Test
    void aSasUrlDownloadsTheBytesWithTheirNameWithoutCredentials() throws Exception {
        String key = key();
        byte[] content = "direct".getBytes(StandardCharsets.UTF_8);
        storage.put(key, new ByteArrayResource(content), content.length);

        URI url = storage.directUrl(key, "report.txt", "text/plain");
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> unsigned = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url.toString().substring(0, url.toString().indexOf('?')))).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(content);
        assertThat(response.headers().firstValue("Content-Disposition").orElse("")).contains("report.txt");
        assertThat(unsigned.statusCode()).isIn(401, 403, 404);
    }

    @Test
    void aSasUrlStopsWorkingOnceItExpires() throws Exception {
        FileStorage shortLived = new AzureBlobFileStorage(new AzureBlobProperties(server.connectionString(), "parley-files",
                Duration.ofSeconds(2)));
        String key = key();
        storage.put(key, new ByteArrayResource(new byte[] {7}), 1);
        URI url = shortLived.directUrl(key, "soon.txt", "text/plain");

        assertThat(status(url)).as("valid when made").isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(status(url)).as("refused once expired").isEqualTo(403));
        assertThat(status(storage.directUrl(key, "soon.txt", "text/plain"))).as("a new URL works again").isEqualTo(200);
    }

    private static int status(URI url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
