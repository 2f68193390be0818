package io.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.test.Http;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;

/** The same queries against a real MongoDB, where Docker exists (skipped cleanly elsewhere). */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"spring.grpc.server.port=0", "LOG_FORMAT="})
class RealMongoIntegrationTest {

    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:8.0");

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> MONGO.getReplicaSetUrl("parley_auth"));
    }

    @LocalServerPort
    int port;

    @Test
    void registerLoginRefreshAndReuseDetectionWorkOnRealMongo() {
        Http http = new Http("http://127.0.0.1:" + port);
        String email = "m" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String body = "{\"name\":\"Real Mongo\",\"email\":\"%s\",\"password\":\"Correct-Horse-9\",\"confirm_password\":\"Correct-Horse-9\"}"
                .formatted(email);
        assertThat(http.post("/api/auth/register", body).status()).isEqualTo(200);
        assertThat(http.post("/api/auth/register", body).status()).isEqualTo(200);

        Http.Response login = http.post("/api/auth/login", "{\"email\":\"%s\",\"password\":\"Correct-Horse-9\"}".formatted(email));
        assertThat(login.status()).isEqualTo(200);
        String first = login.cookie("refreshToken");
        assertThat(http.post("/api/auth/refresh", null, "Cookie", "refreshToken=" + first).status()).isEqualTo(200);
        assertThat(http.post("/api/auth/refresh", null, "Cookie", "refreshToken=" + first).status()).isEqualTo(401);
    }
}
