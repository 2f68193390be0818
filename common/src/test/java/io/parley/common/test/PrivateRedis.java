package io.parley.common.test;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of a test's own, on a free loopback port, that the test may hang (SIGSTOP, as a server
 * that stops answering) and let go again, without touching the Redis other tests share.
 */
public final class PrivateRedis implements AutoCloseable {

    private static final Path SERVER = Path.of("/usr/bin/redis-server");

    private final Process process;
    private final int port;

    private PrivateRedis(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Whether this machine can run one (the suite's set-up installs redis-server). */
    public static boolean available() {
        return Files.isExecutable(SERVER);
    }

    public static PrivateRedis start(Path dir) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process process = new ProcessBuilder(SERVER.toString(), "--bind", "127.0.0.1", "--port", Integer.toString(port),
                "--save", "", "--appendonly", "no", "--dir", dir.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile()).start();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return true;
            }
        });
        return new PrivateRedis(process, port);
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** The server stops answering; connections stay open. */
    public void hang() {
        signal("STOP");
    }

    public void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        resume();
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
}
