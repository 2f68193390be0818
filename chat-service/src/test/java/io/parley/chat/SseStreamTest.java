package io.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The test reader of event streams does not skip what it cannot read. */
class SseStreamTest {

    @Test
    void aMalformedEventFailsTheReaderInsteadOfEndingTheStreamQuietly() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/stream", exchange -> {
            byte[] body = "event: message\ndata: {\"n\":1}\n\nevent: message\ndata: {not json\n\nevent: message\ndata: {\"n\":3}\n\n"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try (SseStream stream = new SseStream("http://127.0.0.1:" + server.getAddress().getPort() + "/stream")) {
            assertThat(stream.next().data()).containsEntry("n", 1);
            assertThatThrownBy(stream::next).isInstanceOf(AssertionError.class).hasMessageContaining("{not json");
        } finally {
            server.stop(0);
        }
    }
}
