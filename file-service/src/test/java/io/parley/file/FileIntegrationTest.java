package io.parley.file;

import io.parley.common.test.Http;
import io.parley.common.test.TestSigningKey;
import io.parley.common.test.Tokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * file-service on a random port with an in-memory store, the local strategy in a temporary directory
 * and small limits for the {@code small} endpoint. Its verification keys are the test's own, so tests
 * act as any person of any tenant; each test works in a tenant of its own. One context for all.
 */
@Import({TestSigningKey.Trusted.class, io.parley.common.test.GrpcServerPort.class})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "parley.mongo.embedded.backend=memory", "spring.grpc.server.port=0", "LOG_FORMAT=",
        "librechat.fileConfig.endpoints.small.fileSizeLimit=0.001",
        "librechat.fileConfig.endpoints.small.totalSizeLimit=0.002",
        "librechat.fileConfig.endpoints.small.fileLimit=2",
        "librechat.fileConfig.endpoints.pdfOnly.supportedMimeTypes[0]=^application/pdf$",
        "librechat.fileConfig.serverFileSizeLimit=1", "librechat.fileConfig.avatarSizeLimit=0.05",
        "parley.file.images.max-width=64", "parley.file.images.max-height=64"})
public abstract class FileIntegrationTest {

    protected static final Path DATA = temporaryDirectory();
    protected static final FakePeers AUTH = new FakePeers();
    protected static final io.parley.file.scan.FakeClamd CLAMD = startClamd();

    @DynamicPropertySource
    static void dependencies(DynamicPropertyRegistry registry) {
        registry.add("parley.file.local.root", DATA::toString);
        registry.add("spring.grpc.client.channels.auth.address", () -> "static://127.0.0.1:" + AUTH.port());
        registry.add("spring.grpc.client.channels.agent.address", () -> "static://127.0.0.1:" + AUTH.port());
        registry.add("parley.file.clamd.address", CLAMD::address);
    }

    @LocalServerPort
    protected int port;

    protected Http http;
    protected Multipart multipart;
    protected String tenant;

    @BeforeEach
    void client() {
        http = new Http("http://127.0.0.1:" + port);
        multipart = new Multipart("http://127.0.0.1:" + port);
        tenant = "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected Person user() {
        return new Person(new ObjectId().toHexString(), tenant);
    }

    public record Person(String id, String tenant) {

        public String token() {
            return Tokens.accessToken(id, tenant, "USER", null);
        }

        public String[] auth() {
            return new String[] {"Authorization", "Bearer " + token()};
        }

        public Person in(String otherTenant) {
            return new Person(id, otherTenant);
        }
    }

    private static io.parley.file.scan.FakeClamd startClamd() {
        try {
            return new io.parley.file.scan.FakeClamd(16L * 1024 * 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path temporaryDirectory() {
        try {
            Path dir = Files.createTempDirectory("parley-files-");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
