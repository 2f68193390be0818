package io.parley.migrate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;

/**
 * The gateway's {@code POST /api/auth/operator/token} as auth-service answers it: the installation's key gives an
 * operator token (subject {@code operator}, role ADMIN) of the gateway's tenant, lasting {@link #lifetimeSeconds};
 * another key a 403 with the installation's message; another tenant than the gateway's a 400.
 */
final class FakeGateway implements AutoCloseable {

    static final String KEY = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    static final String TENANT = "acme";

    private final HttpServer server;
    /** Tokens issued. */
    final AtomicInteger issued = new AtomicInteger();
    volatile long lifetimeSeconds = 300;

    FakeGateway() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/auth/operator/token", this::exchange);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void exchange(HttpExchange exchange) throws IOException {
        Document body = Document.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (!"POST".equals(exchange.getRequestMethod())) {
            answer(exchange, 405, new Document("error", "method_not_allowed"));
        } else if (!KEY.equals(body.getString("key"))) {
            answer(exchange, 403, new Document("error", "forbidden").append("message", "The operator key is not this installation's"));
        } else if (body.getString("tenant") != null && !TENANT.equals(body.getString("tenant"))) {
            answer(exchange, 400, new Document("error", "invalid").append("message", "tenant: this address serves the tenant '"
                    + TENANT + "', not '" + body.getString("tenant") + "'"));
        } else {
            issued.incrementAndGet();
            answer(exchange, 200, new Document("token", FakeParley.token("operator", TENANT, "ADMIN", lifetimeSeconds))
                    .append("tenant", TENANT).append("expiresAt", Instant.now().plusSeconds(lifetimeSeconds).toString()));
        }
    }

    private static void answer(HttpExchange exchange, int status, Document json) throws IOException {
        byte[] bytes = json.toJson().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
