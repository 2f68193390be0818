package io.parley.mcp.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.parley.common.test.Http;
import io.parley.mcp.McpIntegrationTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ProbeIntegrationTest extends McpIntegrationTest {

    @Test
    void probesARealServerWithoutSavingIt() {
        assumeEverything();
        Person alice = user();
        String serversBefore = get(alice, "/api/mcp/servers").body();
        Http.Response probe = post(alice, "/api/mcp/servers/probe", "{\"url\":\"" + EVERYTHING.streamableUrl() + "\"}");

        assertThat(probe.status()).as(probe.body()).isEqualTo(200);
        JsonNode body = probe.json();
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("transport").asString()).isEqualTo("streamable-http");
        assertThat(body.get("serverInfo").get("name").asString()).isNotBlank();
        assertThat(body.get("protocolVersion").asString()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(body.get("toolCount").asInt()).isGreaterThan(5).isEqualTo(body.get("tools").size());
        assertThat(body.get("latencyMs").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(get(alice, "/api/mcp/servers").body()).isEqualTo(serversBefore);
    }

    @Test
    void probesOverSseAsWellWithLibreChatsConfigShape() {
        assumeEverything();
        Http.Response probe = post(user(), "/api/mcp/servers/probe",
                "{\"config\":{\"type\":\"sse\",\"url\":\"" + EVERYTHING.sseUrl() + "\"}}");
        assertThat(probe.status()).as(probe.body()).isEqualTo(200);
        assertThat(probe.json().get("transport").asString()).isEqualTo("sse");
    }

    @Test
    void aPlainHttpServerIsA502() throws IOException {
        HttpServer plain = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        plain.createContext("/", exchange -> {
            byte[] page = "<html><body>hello</body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        plain.start();
        try {
            Http.Response probe = post(user(), "/api/mcp/servers/probe",
                    "{\"url\":\"http://127.0.0.1:" + plain.getAddress().getPort() + "/mcp\"}");
            assertThat(probe.status()).as(probe.body()).isEqualTo(502);
            assertThat(probe.json().get("error").asString()).isEqualTo("mcp_unreachable");
            assertThat(probe.body()).doesNotContain("<html>").doesNotContain("Exception");
        } finally {
            plain.stop(0);
        }
    }

    @Test
    void aRefusedPortIsA502() {
        Http.Response probe = post(user(), "/api/mcp/servers/probe", "{\"url\":\"http://127.0.0.1:" + REFUSED_PORT + "/mcp\"}");
        assertThat(probe.status()).as(probe.body()).isEqualTo(502);
        assertThat(probe.json().get("message").asString()).contains("refused");
    }

    @Test
    void aServerThatNeverAnswersIsA504WithinTheTimeout() {
        long started = System.nanoTime();
        Http.Response probe = post(user(), "/api/mcp/servers/probe",
                "{\"url\":\"http://127.0.0.1:" + SILENT.getLocalPort() + "/mcp\",\"initTimeout\":1000}");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(probe.status()).as(probe.body()).isEqualTo(504);
        assertThat(probe.json().get("error").asString()).isEqualTo("mcp_timeout");
        assertThat(took).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void badUrlsAndInternalAddressesAre400() {
        Person alice = user();
        for (String body : new String[] {"{}", "{\"url\":\"not a url\"}", "{\"url\":\"file:///etc/passwd\"}",
                "{\"url\":\"http://169.254.169.254/latest/meta-data/\"}", "{\"url\":\"http://10.0.0.1/mcp\"}",
                "{\"url\":\"http://localhost:" + SILENT.getLocalPort() + "/mcp\"}"}) {
            Http.Response probe = post(alice, "/api/mcp/servers/probe", body);
            assertThat(probe.status()).as(body + " → " + probe.body()).isEqualTo(400);
            assertThat(probe.json().get("message").asString()).isNotBlank();
        }
    }

    @Test
    void aProbeNeverStartsAProcess() {
        Http.Response probe = post(user(), "/api/mcp/servers/probe",
                "{\"config\":{\"type\":\"stdio\",\"command\":\"touch\",\"args\":[\"/tmp/parley-probe-pwned\"]}}");
        assertThat(probe.status()).isEqualTo(400);
        assertThat(java.nio.file.Files.exists(java.nio.file.Path.of("/tmp/parley-probe-pwned"))).isFalse();
    }

    @Test
    void aRoleWithoutMcpServersCreateCannotProbe() {
        Http.Response probe = post(withRole("VIEWER"), "/api/mcp/servers/probe", "{\"url\":\"http://127.0.0.1:1/mcp\"}");
        assertThat(probe.status()).isEqualTo(403);
        assertThat(probe.json().get("message").asString()).isEqualTo("Forbidden: Insufficient permissions");
    }
}
