package io.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./parley up | status | down} as a person runs them, over the built jars: the launcher says how
 * long the start took, {@code status} gives each process's memory (PSS) and the total, the start-up caches
 * are trained once and used by the next start, and {@code down} stops everything. The launcher serves the
 * fixed ports 3080–3085, so the test runs only where nothing else holds them; it runs a private copy of the
 * launcher (its run/ and logs/ folders, data and Redis port its own), as bench/edge.sh does.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LauncherE2ETest {

    private static final List<String> SERVICES = List.of("auth-service", "chat-service", "agent-service", "file-service",
            "mcp-service", "gateway");
    private static final Pattern UP = Pattern.compile("Parley is up in (\\d+)s");
    private static final Pattern TOTAL = Pattern.compile("total PSS (\\d+) MB \\((\\d+) processes\\)");

    @TempDir
    static Path work;
    static Path launcher;

    record Run(int exit, String out) {
    }

    @BeforeAll
    static void privateLauncher() throws IOException {
        for (int port = 3080; port <= 3085; port++) {
            assumeTrue(!answers(port), "something already serves 127.0.0.1:" + port + " (./parley down first)");
        }
        Path root = Path.of(System.getProperty("parley.root", "..")).toAbsolutePath().normalize();
        String version = System.getProperty("parley.version", "0.1.0-SNAPSHOT");
        Path sys = work.resolve("sys");
        Files.createDirectories(sys.resolve("deploy/local"));
        launcher = Files.copy(root.resolve("parley"), sys.resolve("parley"));
        for (String helper : List.of("find-jdk.sh", "admin.sh")) {
            Files.copy(root.resolve("deploy/local").resolve(helper), sys.resolve("deploy/local").resolve(helper));
        }
        for (String service : SERVICES) {
            Path jar = root.resolve(service).resolve("target").resolve(service + "-" + version + ".jar");
            assertThat(jar).as("built jar (mvn package first)").exists();
            Files.createDirectories(sys.resolve(service).resolve("target"));
            Files.createSymbolicLink(sys.resolve(service).resolve("target").resolve(jar.getFileName()), jar);
        }
    }

    @AfterAll
    static void stop() {
        if (launcher != null) {
            parley("down");
        }
    }

    @Test
    @Order(1)
    void theFirstStartTrainsTheStartUpCachesAndSaysHowLongItTook() {
        Run up = parley("up");

        assertThat(up.exit()).as(up.out()).isZero();
        assertThat(up.out()).contains("Training the start-up caches of");
        assertThat(UP.matcher(up.out()).find()).as(up.out()).isTrue();
        for (String service : SERVICES) {
            assertThat(launcher.resolveSibling("run/app/" + service + "/app.aot")).as(service).exists();
        }
    }

    @Test
    @Order(2)
    void statusGivesEachProcesssMemoryAndTheTotal() {
        Run status = parley("status");

        assertThat(status.exit()).isZero();
        for (String service : SERVICES) {
            assertThat(status.out()).containsPattern("(?m)^" + service + ": +up \\(port \\d+\\) +pid \\d+ +PSS +\\d+ MB +CPU +[\\d.]+ s$");
        }
        Matcher total = TOTAL.matcher(status.out());
        assertThat(total.find()).as(status.out()).isTrue();
        long sum = status.out().lines().filter(line -> !line.startsWith("total"))
                .map(Pattern.compile("PSS +(\\d+) MB")::matcher).filter(Matcher::find)
                .mapToLong(m -> Long.parseLong(m.group(1))).sum();
        // Each line is rounded down on its own: the total (summed in kB) is at least their sum.
        assertThat(Long.parseLong(total.group(1))).isBetween(sum, sum + Long.parseLong(total.group(2)));
    }

    @Test
    @Order(3)
    void downStopsEveryProcessAndTheNextStartUsesTheCachesWithoutTraining() {
        Run down = parley("down");
        assertThat(down.exit()).isZero();
        Run stopped = parley("status");
        for (String service : SERVICES) {
            assertThat(stopped.out()).contains(service + ": stopped");
        }
        assertThat(stopped.out()).doesNotContain("total PSS");

        Run again = parley("up");

        assertThat(again.exit()).as(again.out()).isZero();
        assertThat(again.out()).doesNotContain("Training");
        assertThat(UP.matcher(again.out()).find()).as(again.out()).isTrue();
        for (String service : SERVICES) {
            // The JVM says so when it cannot use a cache (another JDK, other options) and starts without it.
            assertThat(launcher.resolveSibling("logs/" + service + ".log")).content()
                    .doesNotContain("Unable to use AOT cache").doesNotContain("error has occurred while processing the AOT cache");
        }
    }

    private static Run parley(String command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(launcher.toString(), command).redirectErrorStream(true);
            builder.environment().put("PARLEY_DATA_DIR", work.resolve("data").toString());
            builder.environment().put("PARLEY_REDIS_PORT", String.valueOf(redisPort()));
            builder.environment().remove("REDIS_URI");
            builder.environment().remove("PARLEY_JAVA_OPTS");
            builder.environment().put("PARLEY_AOT", "true");
            // Training the six caches and starting on two busy cores takes minutes, not seconds.
            builder.environment().put("PARLEY_START_TIMEOUT", "600");
            builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Process process = builder.start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(20, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("./parley " + command + " did not finish in 20 minutes");
            }
            return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int redisPort;

    /** One free port for the launcher's own redis-server, the same for every command of the run. */
    private static synchronized int redisPort() throws IOException {
        if (redisPort == 0) {
            try (ServerSocket socket = new ServerSocket(0)) {
                redisPort = socket.getLocalPort();
            }
        }
        return redisPort;
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
