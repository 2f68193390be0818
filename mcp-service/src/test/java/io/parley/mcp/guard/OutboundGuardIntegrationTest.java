package io.parley.mcp.guard;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.parley.common.test.Http;
import io.parley.mcp.McpIntegrationTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;

/**
 * The SSRF guard beyond the URL check, against real HTTP servers on this host: redirects, an SSE
 * server's message endpoint, and a stored server whose address is no longer allowed. 127.0.0.1 is in
 * {@code mcpSettings.allowedDomains} here; {@code localhost} is not.
 */
class OutboundGuardIntegrationTest extends McpIntegrationTest {

    @Autowired
    MongoTemplate mongo;

    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
    /** Holds the SSE streams open until the test ends. */
    private final CountDownLatch testOver = new CountDownLatch(1);

    @AfterEach
    void stopServers() {
        testOver.countDown();
        servers.forEach(server -> server.stop(0));
    }

    @Test
    void aRedirectToAWorkingServerIsNotFollowed() throws IOException {
        assumeEverything();
        HttpServer redirector = server(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        List<String> received = new CopyOnWriteArrayList<>();
        redirector.createContext("/", exchange -> {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Location", EVERYTHING.streamableUrl());
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });
        Person alice = user();
        assertThat(post(alice, "/api/mcp/servers", remote("streamable-http", "Redirecting",
                "http://127.0.0.1:" + redirector.getAddress().getPort() + "/mcp")).status()).isEqualTo(201);

        Http.Response connect = post(alice, "/api/mcp/redirecting/reinitialize", "");

        assertThat(connect.status()).as(connect.body()).isEqualTo(502);
        assertThat(received).as("the redirect was answered").isNotEmpty();
        assertThat(state(alice, "redirecting")).isEqualTo("error");
    }

    @Test
    void anSseMessageEndpointOnAnotherOriginOrAnInternalAddressIsRefused() throws IOException {
        // the endpoints the SSE server names: listens on every local address, so localhost reaches it too
        HttpServer elsewhere = server(new InetSocketAddress(0));
        List<String> postedElsewhere = recording(elsewhere);
        int elsewherePort = elsewhere.getAddress().getPort();
        HttpServer sse = server(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        List<String> postedToTheStreamsOrigin = recording(sse);
        sse.createContext("/other-origin", exchange -> stream(exchange, "http://127.0.0.1:" + elsewherePort + "/message"));
        sse.createContext("/internal", exchange -> stream(exchange, "http://localhost:" + elsewherePort + "/message"));
        sse.createContext("/same-origin", exchange -> stream(exchange, "/message"));
        String base = "http://127.0.0.1:" + sse.getAddress().getPort();
        Person alice = user();
        assertThat(post(alice, "/api/mcp/servers", remote("sse", "Other Origin", base + "/other-origin")).status()).isEqualTo(201);
        assertThat(post(alice, "/api/mcp/servers", remote("sse", "Internal", base + "/internal")).status()).isEqualTo(201);
        assertThat(post(alice, "/api/mcp/servers", remote("sse", "Same Origin", base + "/same-origin")).status()).isEqualTo(201);

        Http.Response otherOrigin = post(alice, "/api/mcp/other_origin/reinitialize", "");
        Http.Response internal = post(alice, "/api/mcp/internal/reinitialize", "");

        assertThat(otherOrigin.status()).as(otherOrigin.body()).isEqualTo(502);
        assertThat(internal.status()).as(internal.body()).isEqualTo(502);
        assertThat(state(alice, "other_origin")).isEqualTo("error");
        assertThat(state(alice, "internal")).isEqualTo("error");
        assertThat(postedElsewhere).as("no message was posted to the endpoints the stream named").isEmpty();
        // the fake is understood: an endpoint on the stream's origin is where the client posts (and, unanswered, times out)
        assertThat(post(alice, "/api/mcp/same_origin/reinitialize", "").status()).isEqualTo(504);
        assertThat(postedToTheStreamsOrigin).contains("POST /message");
    }

    @Test
    void aStoredServerWhoseAddressIsNowInternalIsRefusedAtConnect() {
        assumeEverything();
        Person alice = user();
        for (String title : List.of("Moved", "Unmoved")) {
            Http.Response stored = post(alice, "/api/mcp/servers", remote("streamable-http", title, EVERYTHING.streamableUrl()));
            assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        }
        // after storing, the record names the same working server by an address the guard does not let through
        String internal = EVERYTHING.streamableUrl().replace("127.0.0.1", "localhost");
        assertThat(mongo.updateFirst(Query.query(Criteria.where("tenantId").is(tenant).and("serverName").is("moved")),
                new Update().set("config.url", internal), "mcp_servers").getModifiedCount()).isEqualTo(1);

        Http.Response connect = post(alice, "/api/mcp/moved/reinitialize", "");
        Http.Response call = post(alice, "/api/mcp/tools/call",
                "{\"server\":\"moved\",\"tool\":\"echo\",\"arguments\":{\"message\":\"inside\"}}");

        assertThat(connect.status()).as(connect.body()).isEqualTo(400);
        assertThat(connect.json().get("error").asString()).isEqualTo("blocked_url");
        assertThat(call.status()).as(call.body()).isEqualTo(400);
        assertThat(call.json().get("error").asString()).isEqualTo("blocked_url");
        assertThat(call.body()).doesNotContain("inside");
        assertThat(state(alice, "moved")).isEqualTo("error");
        assertThat(post(alice, "/api/mcp/unmoved/reinitialize", "").status()).as("the same server at its allowed address")
                .isEqualTo(200);
    }

    /** Answers 202 to everything under {@code /message}; returns what it received, as {@code "METHOD path"}. */
    private static List<String> recording(HttpServer server) {
        List<String> received = new CopyOnWriteArrayList<>();
        server.createContext("/message", exchange -> {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        return received;
    }

    private HttpServer server(InetSocketAddress address) throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        servers.add(server);
        return server;
    }

    /** Answers an SSE stream whose first event names {@code endpoint} for messages, then holds it open. */
    private void stream(HttpExchange exchange, String endpoint) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(405, -1);
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(("event: endpoint\ndata: " + endpoint + "\n\n").getBytes(StandardCharsets.UTF_8));
            body.flush();
            testOver.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException closedByTheClient) {
            // the client went away: the stream is over
        }
    }

    /** A person's server; an SSE one gives up after 2 s, as the fake SSE server never answers a message. */
    private static String remote(String type, String title, String url) {
        return "{\"config\":{\"type\":\"" + type + "\",\"title\":\"" + title + "\",\"url\":\"" + url + "\""
                + ("sse".equals(type) ? ",\"initTimeout\":2000" : "") + "}}";
    }

    private String state(Person who, String server) {
        JsonNode status = get(who, "/api/mcp/connection/status/" + server).json();
        return status.get("connectionStatus").asString();
    }
}
