package io.parley.gateway.security;

import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * The routes served without an access token, compiled once and matched in one pass: asked on every
 * request (by the bearer-token resolver and by the authorization rules), it must cost next to nothing.
 */
final class PublicPathMatcher implements ServerWebExchangeMatcher {

    private static final Mono<MatchResult> MATCH = MatchResult.match();
    private static final Mono<MatchResult> NO_MATCH = MatchResult.notMatch();

    private final List<Entry> entries;

    /** @param publicPaths "METHOD /path" or "/path" (path patterns as Spring MVC reads them) */
    PublicPathMatcher(List<String> publicPaths) {
        this.entries = publicPaths.stream().map(Entry::parse).toList();
    }

    boolean isPublic(ServerHttpRequest request) {
        PathContainer path = request.getPath().pathWithinApplication();
        HttpMethod method = request.getMethod();
        for (Entry entry : entries) {
            if ((entry.method() == null || entry.method().equals(method)) && entry.pattern().matches(path)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Mono<MatchResult> matches(ServerWebExchange exchange) {
        return isPublic(exchange.getRequest()) ? MATCH : NO_MATCH;
    }

    private record Entry(HttpMethod method, PathPattern pattern) {

        static Entry parse(String entry) {
            String[] parts = entry.trim().split("\\s+", 2);
            return parts.length == 2
                    ? new Entry(HttpMethod.valueOf(parts[0].toUpperCase(Locale.ROOT)), PathPatternParser.defaultInstance.parse(parts[1]))
                    : new Entry(null, PathPatternParser.defaultInstance.parse(parts[0]));
        }
    }
}
