package io.parley.gateway.edge;

import io.parley.common.edge.EdgeHeaders;
import io.parley.common.edge.EdgeAssertion;
import io.parley.common.error.ErrorBody;
import io.parley.common.request.RequestIds;
import io.parley.gateway.GatewayProperties;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * First at the edge: removes every internal header a client may have sent ({@code X-Parley-*}),
 * then sets the ones the services trust — the request id, the tenant and the client's address — and
 * records the client's address for limits and bans, and signs what it set ({@link EdgeAssertion}).
 */
@Component
class EdgeRequestFilter implements WebFilter, Ordered {

    static final String INTERNAL_PREFIX = "x-parley-";
    static final String DEFAULT_TENANT = "default";
    /**
     * The longest request target served, as Node's default header limit allows LibreChat; longer ones
     * get a JSON 414 here (Netty itself refuses only beyond {@code server.netty.max-initial-line-length},
     * set well above this, with an empty 414).
     */
    static final int MAX_TARGET_LENGTH = 16 * 1024;

    private final List<AddressRange> trustedProxies;
    private final Map<String, String> tenantHosts;
    private final String tenantHeader;
    private final JsonErrors errors;
    private final EdgeAssertion assertions;

    EdgeRequestFilter(GatewayProperties properties, JsonErrors errors, EdgeAssertion assertions) {
        this.errors = errors;
        this.assertions = assertions;
        this.trustedProxies = properties.trustedProxies().stream().filter(s -> !s.isBlank()).map(AddressRange::parse).toList();
        this.tenantHosts = properties.tenantHosts();
        this.tenantHeader = properties.tenantHeader();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String requestId = RequestIds.acceptOrCreate(request.getHeaders().getFirst(RequestIds.HEADER));
        if (targetLength(request) > MAX_TARGET_LENGTH) {
            exchange.getAttributes().put(EdgeRequest.REQUEST_ID, requestId);
            return errors.write(exchange, HttpStatus.URI_TOO_LONG, ErrorBody.of("uri_too_long", "The request URI is too long"));
        }
        String clientIp = clientIp(request);
        String tenant = tenant(request);
        ServerHttpRequest cleaned = request.mutate().headers(headers -> {
            List.copyOf(headers.headerNames()).stream()
                    .filter(name -> name.toLowerCase(Locale.ROOT).startsWith(INTERNAL_PREFIX))
                    .forEach(headers::remove);
            headers.set(RequestIds.HEADER, requestId);
            headers.set(EdgeHeaders.TENANT, tenant);
            headers.set(EdgeHeaders.CLIENT_IP, clientIp);
            // What the services believe tenant and address on: this gateway vouches for them.
            headers.set(EdgeHeaders.ASSERTION, assertions.sign(tenant, clientIp, System.currentTimeMillis() / 1000));
        }).build();
        // Set at commit, replacing the copy a service echoes, so the client sees it once.
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(RequestIds.HEADER, requestId);
            return Mono.empty();
        });
        ServerWebExchange next = exchange.mutate().request(cleaned).build();
        next.getAttributes().put(EdgeRequest.REQUEST_ID, requestId);
        next.getAttributes().put(EdgeRequest.CLIENT_IP, clientIp);
        next.getAttributes().put(EdgeRequest.TENANT, tenant);
        next.getAttributes().put(EdgeRequest.CLIENT_IS_PROXY, trusted(clientIp));
        next.getAttributes().put(EdgeRequest.PEER_TRUSTED, trustedPeer(request));
        return chain.filter(next);
    }

    private static int targetLength(ServerHttpRequest request) {
        String path = request.getURI().getRawPath();
        String query = request.getURI().getRawQuery();
        return (path == null ? 0 : path.length()) + (query == null ? 0 : query.length() + 1);
    }

    private String clientIp(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        String peer = remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
        if (!trusted(peer)) {
            return peer;
        }
        // Walk X-Forwarded-For from the right: the first address not one of our proxies is the client.
        List<String> forwarded = request.getHeaders().getOrEmpty("X-Forwarded-For").stream()
                .flatMap(h -> java.util.Arrays.stream(h.split(","))).map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (int i = forwarded.size() - 1; i >= 0; i--) {
            String hop = forwarded.get(i);
            if (!trusted(hop)) {
                return validIp(hop) ? hop : peer;
            }
        }
        return peer;
    }

    private String tenant(ServerHttpRequest request) {
        if (!tenantHeader.isBlank()) {
            String named = request.getHeaders().getFirst(tenantHeader);
            if (named != null && !named.isBlank() && trustedPeer(request)) {
                return named.trim().toLowerCase(Locale.ROOT);
            }
        }
        String host = request.getURI().getHost();
        return host == null ? DEFAULT_TENANT : tenantHosts.getOrDefault(host.toLowerCase(Locale.ROOT), DEFAULT_TENANT);
    }

    private boolean trustedPeer(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote != null && remote.getAddress() != null && trusted(remote.getAddress().getHostAddress());
    }

    private boolean trusted(String ip) {
        return trustedProxies.stream().anyMatch(range -> range.contains(ip));
    }

    private static boolean validIp(String ip) {
        return AddressRange.literal(ip) != null;
    }
}
