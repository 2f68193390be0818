package io.parley.gateway;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpExchange;
import io.parley.common.test.Tokens;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server standing in for every service behind the gateway: it publishes a key set,
 * signs tokens with it, echoes what reached it, and streams SSE on demand.
 */
public final class FakeUpstream {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final ECKey key;
    private final List<String> paths = new CopyOnWriteArrayList<>();
    /** Released by a test once it has read the first SSE event. */
    public volatile CountDownLatch secondEvent = new CountDownLatch(1);

    private final java.util.concurrent.atomic.AtomicInteger jwksFetches = new java.util.concurrent.atomic.AtomicInteger();

    public FakeUpstream() {
        try {
            key = new ECKeyGenerator(Curve.P_256).keyID("test-key").generate();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Paths that reached the upstream, in order. */
    public List<String> paths() {
        return paths;
    }

    public String token(String userId, String tenant) {
        return token(userId, tenant, Instant.now().plusSeconds(600), key);
    }

    public String token(String userId, String tenant, Instant expiry, ECKey signer) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(userId).claim("id", userId).claim("tenant", tenant)
                .claim("role", "USER").issuer("parley").audience("parley-api")
                .issueTime(Date.from(Instant.now().minusSeconds(1200))).expirationTime(Date.from(expiry)).build();
        return Tokens.sign(claims, signer);
    }

    /** How many times the key set was asked for. */
    public int jwksFetches() {
        return jwksFetches.get();
    }

    public ECKey key() {
        return key;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/.well-known/jwks.json")) {
            jwksFetches.incrementAndGet();
            respond(exchange, 200, "application/json", new JWKSet(key.toPublicJWK()).toString());
            return;
        }
        paths.add(path);
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (path.endsWith("/stream")) {
            stream(exchange);
            return;
        }
        Map<String, Object> echo = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> echo.put(name.toLowerCase(), String.join(",", values)));
        echo.put("_path", path);
        echo.put("_bodyLength", body.length);
        respond(exchange, 200, "application/json", JSON.writeValueAsString(echo));
    }

    private void stream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write("event: message\ndata: {\"n\":1}\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                secondEvent.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.write("event: message\ndata: {\"n\":2}\n\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("X-Request-Id", exchange.getRequestHeaders().getFirst("X-Request-Id") == null
                ? "none" : exchange.getRequestHeaders().getFirst("X-Request-Id"));
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
