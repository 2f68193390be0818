package io.parley.file.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.test.Azurite;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ByteArrayResource;

/** The azure_blob strategy against Azurite, Microsoft's Azure Storage emulator, on loopback. */
class AzureBlobFileStorageTest extends SignedUrlStorageContract {

    @TempDir
    static Path data;
    private static Azurite server;
    /** Between the storage and Azurite, counting what reaches the store. */
    private static CountingProxy wire;
    private static AzureBlobFileStorage storage;

    @BeforeAll
    static void start() throws Exception {
        server = Azurite.start(data);
        wire = CountingProxy.to(server.port());
        storage = (AzureBlobFileStorage) signing(Duration.ofMinutes(2));
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

    @Override
    FileStorage signingFor(Duration expiry) {
        return signing(expiry);
    }

    @Test
    void theBlobWithoutItsSasIsRefusedWithAuthorizationFailureWhileItsSignedUrlServesIt() throws Exception {
        String key = key();
        storage.put(key, new ByteArrayResource(new byte[] {1}), 1);
        String signed = storage.directUrl(key, "report.txt", "text/plain").toString();
        HttpClient client = HttpClient.newHttpClient();

        HttpResponse<byte[]> withSas = client.send(HttpRequest.newBuilder(URI.create(signed)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<String> bare = client.send(
                HttpRequest.newBuilder(URI.create(signed.substring(0, signed.indexOf('?')))).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(withSas.statusCode()).as("the blob is there for whoever holds the SAS").isEqualTo(200);
        assertThat(withSas.body()).containsExactly(1);
        assertThat(bare.statusCode()).as(bare.headers().map() + " " + bare.body()).isEqualTo(403);
        assertThat(bare.headers().firstValue("x-ms-error-code")).hasValue("AuthorizationFailure");
        assertThat(bare.body()).contains("<Code>AuthorizationFailure</Code>");
    }

    private static FileStorage signing(Duration expiry) {
        return new AzureBlobFileStorage(new AzureBlobProperties(server.connectionString(wire.port()), "parley-files", expiry));
    }
}
