package io.parley.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.client.PrematureCloseException;
import tools.jackson.databind.json.JsonMapper;

class GatewayErrorHandlerTest {

    private final GatewayErrorHandler handler = new GatewayErrorHandler(new JsonErrors(JsonMapper.builder().build()));

    private MockServerWebExchange failed(Throwable failure) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/agents/chat/x"));
        handler.handle(exchange, failure).block();
        return exchange;
    }

    @Test
    void aServiceThatClosesTheConnectionBeforeAnsweringIsAJson502NotA500() {
        MockServerWebExchange exchange = failed(new RuntimeException("routing failed", PrematureCloseException.TEST_EXCEPTION));

        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(502);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"error\":\"bad_gateway\"");
    }

    @Test
    void anAbortedConnectionIsAJson502NotA500() {
        MockServerWebExchange exchange = failed(new AbortedException(new IOException("Broken pipe")));

        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(502);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"error\":\"bad_gateway\"");
    }

    @Test
    void aConnectionTheServiceResetsIsAJson502NotA500() {
        MockServerWebExchange exchange = failed(new RuntimeException("routing failed",
                new java.net.SocketException("recvAddress(..) failed with error(-104): Connection reset by peer")));

        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(502);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"error\":\"bad_gateway\"");
    }

    @Test
    void anythingElseIsAJson500QuotingTheRequestId() {
        MockServerWebExchange exchange = failed(new IllegalStateException("boom"));

        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(500);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"error\":\"internal_error\"");
    }
}
