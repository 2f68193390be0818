package io.parley.common.test;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Real servers from npm for tests (an MCP server, S3 and Azure emulators): installed once into a
 * folder under {@code target/} and kept there, so later runs do not install again. Where node or npm
 * is missing, the tests that need them are skipped by their callers.
 */
public final class NpmPackages {

    private NpmPackages() {
    }

    /** Whether {@code node} and {@code npm} are on the PATH. */
    public static boolean nodeAndNpm() {
        return onPath("node") && onPath("npm");
    }

    /**
     * Installs {@code packageAtVersion} into {@code prefix} unless {@code installedFile} is there already.
     *
     * @throws IllegalStateException when npm fails or takes more than five minutes (is the registry reachable?)
     */
    public static void install(Path prefix, String packageAtVersion, Path installedFile) throws IOException,
            InterruptedException {
        install(prefix, packageAtVersion, installedFile, Duration.ofMinutes(5));
    }

    /**
     * {@link #install(Path, String, Path)} for a large package, allowed {@code timeout}.
     *
     * @throws IllegalStateException when npm fails or takes longer (is the registry reachable?)
     */
    public static synchronized void install(Path prefix, String packageAtVersion, Path installedFile, Duration timeout)
            throws IOException, InterruptedException {
        if (Files.exists(installedFile)) {
            return;
        }
        Files.createDirectories(prefix.getParent());
        // Test JVMs of several modules may want the same folder at once: one installs, the others wait for it.
        try (FileChannel lock = FileChannel.open(prefix.resolveSibling(prefix.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = lock.lock()) {
            if (!Files.exists(installedFile)) {
                runInstall(prefix, packageAtVersion, timeout);
            }
        }
    }

    /**
     * A folder under the build's top {@code target/} for a package several modules' tests use (the folder of the
     * nearest directory holding {@code mvnw}), so that it is installed once per checkout, not once per module.
     */
    public static Path shared(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw"))) {
                return dir.resolve("target").resolve("npm-shared").resolve(name);
            }
        }
        return Path.of("target", name).toAbsolutePath();
    }

    private static void runInstall(Path prefix, String packageAtVersion, Duration timeout)
            throws IOException, InterruptedException {
        Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--loglevel=error",
                "--prefix", prefix.toString(), packageAtVersion)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!npm.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || npm.exitValue() != 0) {
            npm.destroyForcibly();
            throw new IllegalStateException("npm install " + packageAtVersion + " failed (is the npm registry reachable?)");
        }
    }

    /**
     * Stops a server and waits for it to exit: a test's temporary data folder is deleted next, which
     * fails while the server still writes there.
     */
    public static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether an executable of this name is on the PATH. */
    public static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
