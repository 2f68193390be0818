package io.parley.auth.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.parley.common.edge.EdgeHeaders;
import io.parley.common.test.TestEdge;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The gateway's part for the admin commands in tests: an address on 127.0.0.1 that serves one tenant,
 * forwarding to auth-service with the tenant, the client address and the edge assertion, as the
 * gateway would for a host mapped to that tenant. {@code /api/admin/chat/**} is chat-service's at the
 * real gateway; here it answers {@code chatStats} (the tests of that route are chat-service's).
 */
final class TestGateway implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final List<String> FORWARDED = List.of("Authorization", "Content-Type", "Accept");

    private final HttpServer server;

    TestGateway(int authPort, String tenant, String chatStats) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                if (exchange.getRequestURI().getPath().startsWith("/api/admin/chat/")) {
                    reply(exchange, 200, chatStats.getBytes(StandardCharsets.UTF_8), "application/json");
                    return;
                }
                forward(exchange, authPort, tenant);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void forward(HttpExchange exchange, int authPort, String tenant) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + authPort
                        + exchange.getRequestURI().getRawPath()
                        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery())))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body))
                .header(EdgeHeaders.TENANT, tenant)
                .header(EdgeHeaders.CLIENT_IP, "127.0.0.1")
                .header(EdgeHeaders.ASSERTION, TestEdge.assertion(tenant, "127.0.0.1"));
        for (String name : FORWARDED) {
            String value = exchange.getRequestHeaders().getFirst(name);
            if (value != null) {
                request.header(name, value);
            }
        }
        try {
            HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            reply(exchange, response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse("application/json"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply(exchange, 502, new byte[0], "application/json");
        }
    }

    private static void reply(HttpExchange exchange, int status, byte[] body, String contentType) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
