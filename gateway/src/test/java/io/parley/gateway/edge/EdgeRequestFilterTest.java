package io.parley.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.crypto.SecretKeys;
import io.parley.common.edge.EdgeAssertion;
import io.parley.gateway.GatewayProperties;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** How the gateway picks a request's tenant and client address, and what it vouches for to the services. */
class EdgeRequestFilterTest {

    private static final EdgeAssertion ASSERTIONS = new EdgeAssertion(SecretKeys.parse("5a".repeat(32), "test"), null);

    private final EdgeRequestFilter filter = new EdgeRequestFilter(new GatewayProperties(List.of(), List.of(),
            List.of("10.0.0.0/8"), Map.of("chat.acme.example", "acme"), "X-Tenant", DataSize.ofMegabytes(3),
            DataSize.ofMegabytes(512)), new JsonErrors(JsonMapper.builder().build()), ASSERTIONS);

    private ServerWebExchange forwarded(MockServerHttpRequest request) {
        AtomicReference<ServerWebExchange> seen = new AtomicReference<>();
        filter.filter(MockServerWebExchange.from(request), exchange -> {
            seen.set(exchange);
            return Mono.empty();
        }).block();
        return seen.get();
    }

    private static String header(ServerWebExchange exchange, String name) {
        return exchange.getRequest().getHeaders().getFirst(name);
    }

    @Test
    void theHostNameSelectsItsTenant() {
        ServerWebExchange acme = forwarded(MockServerHttpRequest.get("http://chat.acme.example/api/convos")
                .remoteAddress(new InetSocketAddress("203.0.113.5", 4000)).build());
        ServerWebExchange other = forwarded(MockServerHttpRequest.get("http://chat.other.example/api/convos")
                .remoteAddress(new InetSocketAddress("203.0.113.5", 4000)).build());

        assertThat(header(acme, "X-Parley-Tenant")).isEqualTo("acme");
        assertThat(header(other, "X-Parley-Tenant")).isEqualTo("default");
    }

    @Test
    void theTenantHeaderAndForwardedForAreBelievedOnlyFromATrustedProxy() {
        ServerWebExchange fromProxy = forwarded(MockServerHttpRequest.get("http://chat.other.example/api/convos")
                .remoteAddress(new InetSocketAddress("10.1.2.3", 4000)).header("X-Tenant", "globex")
                .header("X-Forwarded-For", "198.51.100.9").build());
        ServerWebExchange fromClient = forwarded(MockServerHttpRequest.get("http://chat.other.example/api/convos")
                .remoteAddress(new InetSocketAddress("203.0.113.5", 4000)).header("X-Tenant", "globex")
                .header("X-Forwarded-For", "198.51.100.9").build());

        assertThat(header(fromProxy, "X-Parley-Tenant")).isEqualTo("globex");
        assertThat(header(fromProxy, "X-Parley-Client-Ip")).isEqualTo("198.51.100.9");
        assertThat(header(fromClient, "X-Parley-Tenant")).isEqualTo("default");
        assertThat(header(fromClient, "X-Parley-Client-Ip")).isEqualTo("203.0.113.5");
    }

    @Test
    void theServicesGetAnAssertionOverExactlyTheTenantAndAddressSetAndNoClientsOwn() {
        ServerWebExchange exchange = forwarded(MockServerHttpRequest.get("http://chat.acme.example/api/convos")
                .remoteAddress(new InetSocketAddress("203.0.113.5", 4000))
                .header("X-Parley-Edge", "forged.1.AAAA").header("X-Parley-Tenant", "evil").build());
        long now = System.currentTimeMillis() / 1000;

        assertThat(header(exchange, "X-Parley-Edge")).isNotEqualTo("forged.1.AAAA");
        assertThat(ASSERTIONS.verify(header(exchange, "X-Parley-Edge"), "acme", "203.0.113.5", now)).isTrue();
        assertThat(ASSERTIONS.verify(header(exchange, "X-Parley-Edge"), "evil", "203.0.113.5", now)).isFalse();
    }
}
