package io.parley.common.test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Azurite (npm), Microsoft's Azure Storage emulator, serving blobs in a Node process on a free
 * loopback port. Installed into {@code target/azurite} on first use; skipped where Node is missing.
 */
public final class Azurite implements AutoCloseable {

    public static final String VERSION = "3.37.0";
    /** Azurite's well-known development account (published by Microsoft; no secret). */
    private static final String ACCOUNT = "devstoreaccount1";
    private static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private final Process process;
    private final int port;

    private Azurite(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static Azurite start(Path data) throws IOException, InterruptedException {
        Path prefix = Path.of("target", "azurite").toAbsolutePath();
        Assumptions.assumeTrue(NpmPackages.nodeAndNpm(), "node and npm are needed to run Azurite");
        Path cli = prefix.resolve("node_modules/azurite/dist/src/blob/main.js");
        NpmPackages.install(prefix, "azurite@" + VERSION, cli);
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Process process = new ProcessBuilder("node", cli.toString(), "--blobHost", "127.0.0.1", "--blobPort",
                String.valueOf(port), "--location", data.toString(), "--skipApiVersionCheck", "--loose")
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.contains("successfully listens")) {
                // keep reading its log, so a full pipe never blocks it
                Thread.ofVirtual().start(() -> out.lines().forEach(ignored -> { }));
                return new Azurite(process, port);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("Azurite did not start");
    }

    public int port() {
        return port;
    }

    public String connectionString() {
        return connectionString(port);
    }

    /** The connection string for the emulator reached at {@code viaPort}, such as a relay in front of it. */
    public String connectionString(int viaPort) {
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY + ";BlobEndpoint=http://127.0.0.1:"
                + viaPort + "/" + ACCOUNT + ";";
    }

    @Override
    public void close() {
        NpmPackages.stop(process);
    }
}
