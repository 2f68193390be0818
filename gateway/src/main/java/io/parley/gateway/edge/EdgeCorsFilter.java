package io.parley.gateway.edge;

import io.parley.common.error.ErrorBody;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Cross-origin requests from the browser. A request is same-origin, and needs no CORS at all, when its
 * {@code Origin} is the address the browser used: the {@code Host} it reached, or — behind a trusted proxy
 * that rewrites {@code Host} to the upstream, as LibreChat's own dev proxy and many nginx set-ups do —
 * the {@code X-Forwarded-Proto}/{@code X-Forwarded-Host} that proxy reports. Other origins must be
 * configured ({@code DOMAIN_CLIENT}); a refused one is a JSON 403 saying so, not an empty answer.
 */
@Component
class EdgeCorsFilter implements WebFilter, Ordered {

    private final CorsConfigurationSource origins;
    private final DefaultCorsProcessor processor = new DefaultCorsProcessor();
    private final JsonErrors errors;

    EdgeCorsFilter(CorsConfigurationSource origins, JsonErrors errors) {
        this.origins = origins;
        this.errors = errors;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1; // right after EdgeRequestFilter, before Spring Security
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!CorsUtils.isCorsRequest(request) || sameOriginBehindTrustedProxy(exchange)) {
            return chain.filter(exchange);
        }
        CorsConfiguration config = origins.getCorsConfiguration(exchange);
        if (config == null || !processor.process(config, exchange)) {
            return errors.write(exchange, HttpStatus.FORBIDDEN, ErrorBody.of("forbidden",
                    "This origin may not call the API; add it to DOMAIN_CLIENT"));
        }
        return CorsUtils.isPreFlightRequest(request) ? Mono.empty() : chain.filter(exchange);
    }

    private static boolean sameOriginBehindTrustedProxy(ServerWebExchange exchange) {
        if (!EdgeRequest.peerTrusted(exchange)) {
            return false;
        }
        HttpHeaders headers = exchange.getRequest().getHeaders();
        String host = first(headers.getFirst("X-Forwarded-Host"));
        if (host == null) {
            return false;
        }
        String proto = first(headers.getFirst("X-Forwarded-Proto"));
        String origin = (proto == null ? "http" : proto) + "://" + host;
        return origin.equalsIgnoreCase(headers.getOrigin()) || withoutDefaultPort(origin).equalsIgnoreCase(headers.getOrigin());
    }

    /** The first of a comma-separated list, as proxies chain them. */
    private static String first(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return List.of(value.split(",")).getFirst().trim();
    }

    private static String withoutDefaultPort(String origin) {
        return origin.endsWith(":80") && origin.startsWith("http://") ? origin.substring(0, origin.length() - 3)
                : origin.endsWith(":443") && origin.startsWith("https://") ? origin.substring(0, origin.length() - 4) : origin;
    }
}
