package io.parley.common.test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;

/**
 * The Firebase Storage emulator (npm {@code firebase-tools}) in a Node process on a free loopback port,
 * serving the Cloud Storage JSON API that Google's Java client speaks. Installed once per checkout into the
 * build's {@code target/npm-shared/firebase-tools} on first use (some 300 MB, a few minutes), which every module's
 * tests share; skipped where Node is missing.
 *
 * <p>It is started by {@code firebase-storage-emulator.js} rather than {@code firebase emulators:start},
 * which would first download a Java runtime for security rules (the Cloud Storage API does not use them).
 * That script also answers resumable uploads sent in chunks as Cloud Storage does (308 until the whole
 * length arrived), which the emulator does not; everything else on the wire is the emulator's own. The
 * emulator does not check signed URLs: it serves their path whatever the signature or its expiry.
 */
public final class FirebaseStorageEmulator implements AutoCloseable {

    public static final String VERSION = "15.34.2";
    public static final String BUCKET = "demo-parley.appspot.com";

    private final Process process;
    private final int port;

    private FirebaseStorageEmulator(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts an emulator keeping its objects under {@code data}. */
    public static FirebaseStorageEmulator start(Path data) throws IOException, InterruptedException {
        Path prefix = NpmPackages.shared("firebase-tools");
        Assumptions.assumeTrue(NpmPackages.nodeAndNpm(), "node and npm are needed to run the Firebase Storage emulator");
        Path modules = prefix.resolve("node_modules");
        NpmPackages.install(prefix, "firebase-tools@" + VERSION, modules.resolve("firebase-tools/lib/emulator/storage/index.js"),
                Duration.ofMinutes(15));
        ProcessBuilder builder = new ProcessBuilder("node", script(prefix).toString(), modules.toString()).redirectErrorStream(true);
        builder.environment().put("TMPDIR", data.toString());
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("PORT ")) {
                // keep reading its log, so a full pipe never blocks it
                Thread.ofVirtual().start(() -> out.lines().forEach(ignored -> { }));
                return new FirebaseStorageEmulator(process, Integer.parseInt(line.substring(5).trim()));
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("the Firebase Storage emulator did not start");
    }

    /**
     * The start script, written beside the installed package (it may come from inside a jar), one per test JVM:
     * another module's tests may be starting theirs from the same folder.
     */
    private static Path script(Path prefix) throws IOException {
        Path script = prefix.resolve("firebase-storage-emulator-" + ProcessHandle.current().pid() + ".js");
        try (InputStream in = FirebaseStorageEmulator.class.getResourceAsStream("/firebase-storage-emulator.js")) {
            if (in == null) {
                throw new IllegalStateException("firebase-storage-emulator.js is missing from the test classpath");
            }
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        return script;
    }

    public int port() {
        return port;
    }

    /** {@code host:port}, as {@code FIREBASE_STORAGE_EMULATOR_HOST} takes it. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        NpmPackages.stop(process);
    }
}
