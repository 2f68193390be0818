package io.parley.common.test;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The reference MCP server {@code @modelcontextprotocol/server-everything} from npm, installed once
 * into the module's {@code target/npm} (kept there, so later runs do not install again) and started as real
 * processes: stdio (by mcp-service itself, from the configured command), Streamable HTTP and SSE
 * (here, on free loopback ports). Without node or npm, {@link #available()} is false and the tests
 * that need it are skipped.
 */
public final class EverythingServer {

    static final String VERSION = "2026.8.31";
    static final Path PREFIX = Path.of("target", "npm").toAbsolutePath();
    public static final Path SCRIPT = PREFIX.resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js");

    private static EverythingServer instance;

    private final boolean available;
    private final int httpPort;
    private final int ssePort;

    private EverythingServer() {
        boolean ok = install();
        int http = 0;
        int sse = 0;
        if (ok) {
            http = start("streamableHttp");
            sse = start("sse");
        }
        this.available = ok;
        this.httpPort = http;
        this.ssePort = sse;
    }

    public static synchronized EverythingServer get() {
        if (instance == null) {
            instance = new EverythingServer();
        }
        return instance;
    }

    public boolean available() {
        return available;
    }

    public String streamableUrl() {
        return "http://127.0.0.1:" + httpPort + "/mcp";
    }

    public String sseUrl() {
        return "http://127.0.0.1:" + ssePort + "/sse";
    }

    private static boolean install() {
        if (Files.isRegularFile(SCRIPT)) {
            return NpmPackages.onPath("node");
        }
        if (!NpmPackages.nodeAndNpm()) {
            return false;
        }
        try {
            NpmPackages.install(PREFIX, "@modelcontextprotocol/server-everything@" + VERSION, SCRIPT);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return Files.isRegularFile(SCRIPT);
    }

    private static int start(String mode) {
        int port = freePort();
        try {
            ProcessBuilder builder = new ProcessBuilder(List.of("node", SCRIPT.toString(), mode))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("PORT", Integer.toString(port));
            Process process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start server-everything " + mode, e);
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> accepts(port));
        return port;
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
