package io.parley.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.test.Http;
import io.parley.gateway.GatewayIntegrationTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class EdgeIntegrationTest extends GatewayIntegrationTest {

    private String bearer() {
        return "Bearer " + UPSTREAM.token("u1", "default");
    }

    @Test
    void anUnknownRouteIsAJson404() {
        Http.Response response = get("/api/nothing-here", "Authorization", bearer());
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("error").asString()).isEqualTo("not_found");
        assertThat(response.json().get("requestId").asString()).isNotBlank();
    }

    @Test
    void withoutAWebClientBuildPagesAndFilesNeedATokenAsAnyOtherRoute() {
        for (String path : new String[] {"/", "/c/new", "/assets/index.js"}) {
            Http.Response response = get(path, "Accept", "text/html");
            assertThat(response.status()).as(path).isEqualTo(401);
            assertThat(response.json().get("error").asString()).as(path).isEqualTo("unauthorized");
        }
        assertThat(get("/c/new", "Accept", "text/html", "Authorization", bearer()).status()).isEqualTo(404);
    }

    @Test
    void pathsTheFirewallRefusesAreJson400sThatReachNoService() {
        for (String path : new String[] {"/api/convos/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/api/convos/a%2fb", "/api/convos/a%00b",
                "/api/convos/%2e%2e/x", "/api/convos/a%5cb"}) {
            Http.Response response = get(path, "Authorization", bearer());
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.header("Content-Type")).as(path).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(response.json().get("error").asString()).as(path).isEqualTo("invalid_request");
            assertThat(response.json().get("requestId").asString()).as(path).isNotBlank();
            assertThat(UPSTREAM.paths()).as(path).noneMatch(p -> p.contains("passwd") || p.contains("a/b"));
        }
    }

    @Test
    void aTooLongRequestTargetIsAJson414() {
        Http.Response response = get("/api/convos/" + "a".repeat(20_000), "Authorization", bearer());

        assertThat(response.status()).isEqualTo(414);
        assertThat(response.json().get("error").asString()).isEqualTo("uri_too_long");
        assertThat(get("/api/convos?q=" + "a".repeat(10_000), "Authorization", bearer()).status()).isEqualTo(200);
    }

    @Test
    void aBodyOverThreeMegabytesIs413AndNeverForwarded() {
        String body = "{\"text\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}";
        // Its own connections: the gateway may close them after answering, unknown to the other tests' pool.
        Http own = Http.withOwnConnections("http://127.0.0.1:" + port);
        // repeated: the answer comes before the body has been read, and must reach the client every time
        for (int i = 0; i < 20; i++) {
            Http.Response response = own.post("/api/messages/big", body, "Authorization", bearer(), "X-Forwarded-For", ip);
            assertThat(response.status()).isEqualTo(413);
            assertThat(response.json().get("error").asString()).isEqualTo("payload_too_large");
        }
        assertThat(UPSTREAM.paths()).doesNotContain("/api/messages/big");
    }

    @Test
    void aChunkedBodyOverTheLimitIsCutOffWith413() throws Exception {
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'x');
        String path = "/api/messages/chunked-" + java.util.UUID.randomUUID();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", bearer()).header("X-Forwarded-For", ip).header("Content-Type", "application/json")
                // no Content-Length: the publisher's length is unknown, so the client sends chunks
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.SequenceInputStream(
                        java.util.Collections.enumeration(java.util.stream.IntStream.range(0, 80)
                                .mapToObj(i -> (java.io.InputStream) new java.io.ByteArrayInputStream(chunk)).toList()))))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(UPSTREAM.paths()).as("the service never got the request").doesNotContain(path);
    }

    @Test
    void aServiceThatIsDownIsAJson503() {
        Http.Response response = get("/api/mcp/tools", "Authorization", bearer());
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.json().get("error").asString()).isEqualTo("unavailable");
    }

    @Test
    void corsAllowsConfiguredOriginsWithCredentialsAndRefusesOthers() {
        Http.Response allowed = http.send("OPTIONS", "/api/convos", null, "Origin", "https://other.example.com",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization,content-type");
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).contains("https://other.example.com");
        assertThat(allowed.header("Access-Control-Allow-Credentials")).contains("true");
        assertThat(allowed.header("Access-Control-Allow-Methods").orElseThrow()).contains("POST");
        assertThat(allowed.header("Access-Control-Allow-Headers").orElseThrow().toLowerCase()).contains("authorization");

        Http.Response refused = http.send("OPTIONS", "/api/convos", null, "Origin", "https://evil.example.com",
                "Access-Control-Request-Method", "POST");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Access-Control-Allow-Origin")).isEmpty();
        assertThat(refused.json().get("error").asString()).isEqualTo("forbidden");
        assertThat(refused.json().get("message").asString()).contains("DOMAIN_CLIENT");
    }

    @Test
    void behindATrustedProxyThatRewritesTheHostTheBrowsersOwnOriginIsSameOrigin() {
        // The client's dev proxy (or nginx with proxy_set_header Host $upstream) at chat.proxy.example:8443.
        String origin = "http://chat.proxy.example:8443";
        Http.Response login = post("/api/auth/login", "{}", "Origin", origin,
                "X-Forwarded-Host", "chat.proxy.example:8443", "X-Forwarded-Proto", "http");
        assertThat(login.status()).isEqualTo(200);

        Http.Response withoutForwardedHost = post("/api/auth/login", "{}", "Origin", origin);
        assertThat(withoutForwardedHost.status()).isEqualTo(403);
        assertThat(withoutForwardedHost.json().get("error").asString()).isEqualTo("forbidden");
        Http.Response anotherOrigin = post("/api/auth/login", "{}", "Origin", "http://evil.example:8443",
                "X-Forwarded-Host", "chat.proxy.example:8443", "X-Forwarded-Proto", "http");
        assertThat(anotherOrigin.status()).isEqualTo(403);
    }

    @Test
    void eventStreamsPassThroughUnbuffered() throws Exception {
        UPSTREAM.secondEvent = new CountDownLatch(1);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/agents/chat/stream"))
                .header("Authorization", bearer()).header("X-Forwarded-For", ip).timeout(Duration.ofSeconds(20)).build();
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            // The upstream holds the second event back until the first has reached us: a buffering
            // gateway would never deliver the first, and this read would time out.
            assertThat(lines.readLine()).isEqualTo("event: message");
            assertThat(lines.readLine()).isEqualTo("data: {\"n\":1}");
            UPSTREAM.secondEvent.countDown();
            lines.readLine();
            assertThat(lines.readLine()).isEqualTo("event: message");
            assertThat(lines.readLine()).isEqualTo("data: {\"n\":2}");
        }
    }
}
