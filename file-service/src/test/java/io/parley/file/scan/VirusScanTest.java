package io.parley.file.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.common.error.ApiException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;

/** The INSTREAM client against a fake clamd on a real socket. */
class VirusScanTest {

    private FakeClamd clamd;

    @BeforeEach
    void start() throws IOException {
        clamd = new FakeClamd(100_000);
    }

    @AfterEach
    void stop() throws IOException {
        clamd.close();
    }

    @Test
    void aCleanFilePassesAfterOneScan() {
        VirusScan scan = scanner(clamd.address(), 1024);

        assertThatCode(() -> scan.check(bytes("quarterly report ".repeat(500)))).doesNotThrowAnyException();
        assertThat(clamd.scans()).isEqualTo(1);
    }

    @Test
    void anInfectedFileIsA422EvenWhenItsSignatureSpansChunks() {
        VirusScan scan = scanner(clamd.address(), 1024);

        assertThatThrownBy(() -> scan.check(bytes("x".repeat(1000) + FakeClamd.EICAR)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.getMessage()).isEqualTo("The file was refused by the virus scanner");
                });
    }

    @Test
    void noVerdictFromClamdIsA503NotAPass() {
        VirusScan scan = scanner(clamd.address(), 1024);

        assertThatThrownBy(() -> scan.check(bytes("y".repeat(200_000))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(503));
    }

    @Test
    void anUnreachableScannerIsA503() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        VirusScan scan = scanner("127.0.0.1:" + closedPort, 1024);

        assertThatThrownBy(() -> scan.check(bytes("z")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(503));
    }

    @Test
    void withoutAnAddressNothingIsScanned() {
        VirusScan scan = scanner("", 1024);

        assertThat(scan.enabled()).isFalse();
        assertThatCode(() -> scan.check(bytes(FakeClamd.EICAR))).doesNotThrowAnyException();
    }

    private static VirusScan scanner(String address, int chunkSize) {
        return new VirusScan(new ClamdProperties(address, Duration.ofSeconds(5), chunkSize));
    }

    private static ByteArrayResource bytes(String text) {
        return new ByteArrayResource(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
