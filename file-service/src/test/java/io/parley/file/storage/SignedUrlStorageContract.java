package io.parley.file.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;

/** What a strategy with direct downloads must do beyond {@link FileStorageContract}: URLs that expire. */
abstract class SignedUrlStorageContract extends FileStorageContract {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    /** The same store, signing URLs valid for {@code expiry}. */
    abstract FileStorage signingFor(Duration expiry);

    @Test
    void aSignedUrlDownloadsTheBytesWithTheirNameWithoutCredentials() throws Exception {
        String key = key();
        byte[] content = "direct".getBytes(StandardCharsets.UTF_8);
        storage().put(key, new ByteArrayResource(content), content.length);

        URI url = storage().directUrl(key, "report.txt", "text/plain");
        HttpResponse<byte[]> response = CLIENT.send(HttpRequest.newBuilder(url).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(content);
        assertThat(response.headers().firstValue("Content-Disposition").orElse("")).contains("report.txt");
    }

    @Test
    void aSignedUrlStopsWorkingOnceItExpires() throws Exception {
        FileStorage shortLived = signingFor(Duration.ofSeconds(2));
        String key = key();
        storage().put(key, new ByteArrayResource(new byte[] {7}), 1);
        URI url = shortLived.directUrl(key, "soon.txt", "text/plain");

        assertThat(status(url)).as("valid when made").isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(status(url)).as("refused once expired").isEqualTo(403));
        assertThat(status(storage().directUrl(key, "soon.txt", "text/plain"))).as("a new URL works again").isEqualTo(200);
    }

    static int status(URI url) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
