package io.parley.gateway.limit;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.test.Http;
import io.parley.gateway.FakeUpstream;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The login limit against a Redis container, where Docker exists (skipped cleanly elsewhere). */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "LOG_FORMAT=")
class RealRedisContainerIntegrationTest {

    @Container
    static final GenericContainer<?> REDIS = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
    static final FakeUpstream UPSTREAM = new FakeUpstream();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("parley.redis.uri", () -> "redis://" + REDIS.getHost() + ":" + REDIS.getMappedPort(6379));
        registry.add("parley.services.auth", UPSTREAM::url);
    }

    @LocalServerPort
    int port;

    @Test
    void theSixthLoginIs429() {
        Http http = new Http("http://127.0.0.1:" + port);
        IntStream.range(0, 5).forEach(i -> assertThat(http.post("/api/auth/login", "{}").status()).isEqualTo(200));
        assertThat(http.post("/api/auth/login", "{}").status()).isEqualTo(429);
    }
}
