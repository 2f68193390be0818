package io.parley.common.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class HealthCheckTest {

    @Test
    void healthyOnlyWhenTheUrlAnswers200() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/up", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/down", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            assertThat(HealthCheck.check(base + "/up")).isTrue();
            assertThat(HealthCheck.check(base + "/down")).isFalse();
        } finally {
            server.stop(0);
        }
        assertThat(HealthCheck.check("http://127.0.0.1:1/nothing-listens")).isFalse();
        assertThat(HealthCheck.check("not a url")).isFalse();
    }
}
