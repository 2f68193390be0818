package io.parley.gateway.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.common.test.Http;
import io.parley.common.test.PrivateRedis;
import io.parley.gateway.FakeUpstream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway while its Redis hangs: requests are answered at once or after the 300 ms bound (limits,
 * bans and revocations let them through, logged once), and limits count again by themselves once Redis
 * is back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "parley.gateway.trusted-proxies=127.0.0.1", "parley.bans.interval=1000", "LOG_FORMAT="})
class RedisOutageIntegrationTest {

    private static final String LOGIN = "{\"email\":\"a@example.com\",\"password\":\"x\"}";
    private static final FakeUpstream UPSTREAM = new FakeUpstream();
    private static PrivateRedis redis;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startRedis() throws Exception {
        Assumptions.assumeTrue(PrivateRedis.available(), "redis-server is not installed");
        redis = PrivateRedis.start(Files.createTempDirectory("gateway-redis"));
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (redis != null) {
            redis.close();
        }
    }

    @DynamicPropertySource
    static void ownRedis(DynamicPropertyRegistry registry) {
        for (String service : new String[] {"auth", "chat", "agent", "file", "mcp"}) {
            registry.add("parley.services." + service, UPSTREAM::url);
        }
        registry.add("parley.redis.uri", () -> redis.uri());
        registry.add("parley.redis.key-prefix", () -> "test:" + UUID.randomUUID() + ":");
    }

    private Http.Response get(String path, String... headers) {
        return new Http("http://127.0.0.1:" + port).get(path, headers);
    }

    private Http.Response post(String path, String body) {
        return new Http("http://127.0.0.1:" + port).post(path, body, "X-Forwarded-For", "10.9.8.7");
    }

    @Test
    void withRedisHungRequestsWaitAtMostTheBoundOnceAndLimitsComeBackByThemselves() {
        String token = "Bearer " + UPSTREAM.token("u-outage", "default");
        assertThat(get("/api/convos", "Authorization", token).status()).isEqualTo(200);

        redis.hang();
        try {
            for (int i = 0; i < 10; i++) {
                long started = System.nanoTime();
                Http.Response response = i % 2 == 0 ? get("/api/convos", "Authorization", token) : post("/api/auth/login", LOGIN);
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                System.out.printf("redis hung: request %d answered %d in %d ms%n", i, response.status(), took.toMillis());
                assertThat(response.status()).isEqualTo(200);
                // One request per 2 s waits out the 300 ms bound, the rest do not ask Redis; seconds would
                // mean Redisson's own time-outs again. (Figures: the printed lines, and docs.)
                assertThat(took).isLessThan(Duration.ofSeconds(1));
            }
        } finally {
            redis.resume();
        }

        // Back: the login limit (5 per window) counts again, without a restart.
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            IntStream.range(0, 6).forEach(i -> post("/api/auth/login", LOGIN));
            return post("/api/auth/login", LOGIN).status() == 429;
        });
    }
}
