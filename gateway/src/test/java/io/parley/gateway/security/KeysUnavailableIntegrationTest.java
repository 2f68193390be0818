package io.parley.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.sun.net.httpserver.HttpServer;
import io.parley.common.test.Http;
import io.parley.gateway.GatewayIntegrationTest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway started while auth-service is down: its key set is on a port where nothing listens
 * until the test serves it there. A signed-in request is then 503 with {@code Retry-After} (never the
 * 401 that signs LibreChat's client out) and readiness is OUT_OF_SERVICE; once the keys can be fetched
 * the same token passes without a restart, and a token of a key auth-service never published is 401.
 */
class KeysUnavailableIntegrationTest extends GatewayIntegrationTest {

    private static final int KEYS_PORT = freePort();
    private static final ECKey AUTH_KEY = generate("auth-key");
    private static final Path WEB_CLIENT = webClient();
    private static HttpServer authService;

    @DynamicPropertySource
    static void keysOfAnAuthServiceThatIsDown(DynamicPropertyRegistry registry) {
        registry.add("parley.jwt.jwks-uri", () -> "http://127.0.0.1:" + KEYS_PORT + "/.well-known/jwks.json");
        registry.add("parley.gateway.web-client.dir", WEB_CLIENT::toString);
    }

    @AfterAll
    static void stopAuthService() {
        if (authService != null) {
            authService.stop(0);
        }
    }

    @Test
    void aSignedInRequestIs503UntilTheKeysCanBeFetchedThenTheSameTokenPassesAndAnUnknownKeyIs401() throws Exception {
        String token = UPSTREAM.token("u1", "default", Instant.now().plusSeconds(600), AUTH_KEY);
        String path = "/api/convos/" + UUID.randomUUID();

        // Not ready while it cannot check a token; alive all the same.
        Http.Response readiness = get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(503);
        assertThat(readiness.json().get("status").asString()).isEqualTo("OUT_OF_SERVICE");
        assertThat(get("/actuator/health/liveness").json().get("status").asString()).isEqualTo("UP");

        for (int i = 0; i < 3; i++) {
            Http.Response waiting = get(path, "Authorization", "Bearer " + token);
            assertThat(waiting.status()).isEqualTo(503);
            assertThat(waiting.header("Retry-After")).contains("3");
            assertThat(waiting.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
            assertThat(waiting.json().get("error").asString()).isEqualTo("unavailable");
            assertThat(waiting.json().get("message").asString()).contains("try again shortly");
            assertThat(waiting.header("WWW-Authenticate")).isEmpty();
        }
        assertThat(UPSTREAM.paths()).doesNotContain(path);
        // What can never be a good token needs no key to be refused.
        assertThat(get(path, "Authorization", "Bearer garbage").status()).isEqualTo(401);
        assertThat(get(path).status()).isEqualTo(401);

        // Public routes and the web client's files do not need the keys; a token sent there is ignored.
        assertThat(get("/api/config", "Authorization", "Bearer " + token).status()).isEqualTo(200);
        assertThat(post("/api/auth/refresh", null, "Authorization", "Bearer " + token).status()).isEqualTo(200);
        assertThat(get("/health").body()).isEqualTo("OK");
        Http.Response page = get("/c/new", "Accept", "text/html", "Authorization", "Bearer " + token);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<title>LibreChat</title>");

        authService = serveKeys(KEYS_PORT, new JWKSet(AUTH_KEY.toPublicJWK()));

        // Asked again at most twice every 2 s; the client retries after Retry-After.
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                .until(() -> get(path, "Authorization", "Bearer " + token).status() == 200);
        Http.Response passed = get(path, "Authorization", "Bearer " + token);
        assertThat(passed.status()).isEqualTo(200);
        assertThat(passed.json().get("authorization").asString()).isEqualTo("Bearer " + token);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                .until(() -> get("/actuator/health/readiness").status() == 200);
        assertThat(get("/actuator/health/readiness").json().get("status").asString()).isEqualTo("UP");

        // With the keys at hand, a key id auth-service never published is a bad token, not an outage.
        String unknownKey = UPSTREAM.token("u1", "default", Instant.now().plusSeconds(600), generate("unknown"));
        String forged = UPSTREAM.token("u1", "default", Instant.now().plusSeconds(600), generate(AUTH_KEY.getKeyID()));
        for (String bad : new String[] {unknownKey, forged}) {
            Http.Response refused = get(path, "Authorization", "Bearer " + bad);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.json().get("error").asString()).isEqualTo("unauthorized");
        }
    }

    private static HttpServer serveKeys(int port, JWKSet keys) throws IOException {
        byte[] body = keys.toString().getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/.well-known/jwks.json", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    /** A port nothing listens on until the test serves the keys there. */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ECKey generate(String keyId) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(keyId).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path webClient() {
        try {
            Path dir = Files.createTempDirectory("parley-web");
            Files.writeString(dir.resolve("index.html"), "<!doctype html><html><title>LibreChat</title></html>");
            dir.toFile().deleteOnExit();
            dir.resolve("index.html").toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
