package io.parley.gateway;

import io.parley.common.test.Http;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway on a random port in front of {@link FakeUpstream}, with limits and bans in the local
 * Redis (under a key prefix of its own per run). Each test speaks from its own client address
 * (X-Forwarded-For, believed from the loopback proxy) so that limits do not cross tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "parley.gateway.trusted-proxies=127.0.0.1",
        "parley.gateway.tenant-header=X-Tenant",
        "parley.gateway.cors-origins=https://chat.example.com,https://other.example.com",
        "parley.bans.interval=3",
        "LOG_FORMAT="})
public abstract class GatewayIntegrationTest {

    protected static final FakeUpstream UPSTREAM = new FakeUpstream();
    /** A port nothing listens on: a service that is down. */
    private static final int CLOSED_PORT = closedPort();

    private static int closedPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void upstream(DynamicPropertyRegistry registry) {
        registry.add("parley.services.auth", UPSTREAM::url);
        registry.add("parley.services.chat", UPSTREAM::url);
        registry.add("parley.services.agent", UPSTREAM::url);
        registry.add("parley.services.file", UPSTREAM::url);
        registry.add("parley.services.mcp", () -> "http://127.0.0.1:" + CLOSED_PORT);
        registry.add("parley.redis.uri", () -> System.getenv().getOrDefault("REDIS_URI", "redis://127.0.0.1:6379"));
        registry.add("parley.redis.key-prefix", () -> "test:" + UUID.randomUUID() + ":");
    }

    @LocalServerPort
    protected int port;

    protected Http http;
    /** This test's client address. */
    protected String ip;

    @BeforeEach
    void client() {
        http = new Http("http://127.0.0.1:" + port);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        ip = "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    protected Http.Response get(String path, String... headers) {
        return http.get(path, with(headers));
    }

    protected Http.Response post(String path, String body, String... headers) {
        return http.post(path, body, with(headers));
    }

    private String[] with(String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "X-Forwarded-For";
        all[1] = ip;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return all;
    }
}
