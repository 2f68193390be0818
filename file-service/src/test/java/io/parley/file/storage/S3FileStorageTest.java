package io.parley.file.storage;

import io.parley.common.test.S3rver;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The s3 strategy against s3rver, a real S3-compatible server on loopback. */
class S3FileStorageTest extends SignedUrlStorageContract {

    @TempDir
    static Path data;
    private static S3rver server;
    /** Between the storage and s3rver, counting what reaches the store. */
    private static CountingProxy wire;
    private static S3FileStorage storage;

    @BeforeAll
    static void start() throws Exception {
        server = S3rver.start(data);
        wire = CountingProxy.to(server.port());
        storage = (S3FileStorage) signing(Duration.ofMinutes(2));
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

    private static FileStorage signing(Duration expiry) {
        return new S3FileStorage(new S3Properties("http://127.0.0.1:" + wire.port(), "us-east-1", S3rver.BUCKET, "S3RVER", "S3RVER", true,
                expiry));
    }
}
