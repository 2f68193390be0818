package io.parley.file.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
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
    private static AzureBlobFileStorage storage;

    @BeforeAll
    static void start() throws Exception {
        server = Azurite.start(data);
        storage = (AzureBlobFileStorage) signing(Duration.ofMinutes(2));
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

    @Override
    FileStorage signingFor(Duration expiry) {
        return signing(expiry);
    }

    @Test
    void theBlobWithoutItsSasIsRefused() throws Exception {
        String key = key();
        storage.put(key, new ByteArrayResource(new byte[] {1}), 1);
        String signed = storage.directUrl(key, "report.txt", "text/plain").toString();

        assertThat(status(URI.create(signed.substring(0, signed.indexOf('?'))))).isIn(401, 403, 404);
    }

    private static FileStorage signing(Duration expiry) {
        return new AzureBlobFileStorage(new AzureBlobProperties(server.connectionString(), "parley-files", expiry));
    }
}
