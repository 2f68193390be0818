package io.parley.gateway.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.parley.common.error.ErrorBody;
import io.parley.common.security.AccessTokenValidators;
import io.parley.common.security.JwtProperties;
import io.parley.common.security.KeysUnavailableException;
import io.parley.common.security.VerifiedTokenProperties;
import io.parley.common.security.VerifiedTokens;
import io.parley.gateway.GatewayProperties;
import io.parley.gateway.apidocs.ApiDocs;
import io.parley.gateway.edge.JsonErrors;
import io.parley.gateway.web.WebClientFiles;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The access token is verified here on every route but the public ones — signature against
 * auth-service's published keys (cached, refetched for an unknown key id) the first time the token is
 * seen, issuer, audience, expiry every time — and again by the service behind. A token that cannot be
 * checked because those keys cannot be fetched is 503, and the gateway is not ready until it has had
 * them once. CORS for the configured browser origins.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({JwtProperties.class, VerifiedTokenProperties.class})
class GatewaySecurityConfiguration {

    @Bean
    SecurityWebFilterChain gatewaySecurity(ServerHttpSecurity http, GatewayProperties properties, JsonErrors errors,
                                           WebClientFiles webClient, ApiDocs apiDocs) {
        PublicPathMatcher publicPaths = new PublicPathMatcher(properties.publicPaths());
        // The web client's files are public like the pages of LibreChat's own server; the API docs while they are on.
        Predicate<ServerHttpRequest> open = request -> publicPaths.isPublic(request) || webClient.serves(request)
                || apiDocs.serves(request);
        Mono<MatchResult> match = MatchResult.match();
        Mono<MatchResult> noMatch = MatchResult.notMatch();
        ServerAuthenticationEntryPoint unauthorized = (exchange, e) -> {
            exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer");
            return errors.write(exchange, HttpStatus.UNAUTHORIZED, ErrorBody.of("unauthorized", "Unauthorized"));
        };
        ServerAuthenticationFailureHandler failed = failed(errors, unauthorized);
        ServerAccessDeniedHandler forbidden = (exchange, e) ->
                errors.write(exchange, HttpStatus.FORBIDDEN, ErrorBody.of("forbidden", "You are not allowed to do this"));
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                // LibreChat's web client frames pages of its own origin; other sites still may not frame it
                .headers(h -> h.frameOptions(f -> f.mode(XFrameOptionsServerHttpHeadersWriter.Mode.SAMEORIGIN)))
                // EdgeCorsFilter answers cross-origin requests before this chain (JSON refusals, trusted proxies).
                .cors(ServerHttpSecurity.CorsSpec::disable)
                .authorizeExchange(a -> a
                        .pathMatchers(HttpMethod.OPTIONS, "/**").permitAll()
                        .matchers(exchange -> open.test(exchange.getRequest()) ? match : noMatch).permitAll()
                        .anyExchange().authenticated())
                .oauth2ResourceServer(o -> o.jwt(jwt -> { })
                        .bearerTokenConverter(ignoredOn(open))
                        .authenticationEntryPoint(unauthorized)
                        .authenticationFailureHandler(failed)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .build();
    }

    /**
     * A bearer token that failed: 503 with {@code Retry-After} when it could not be checked because
     * auth-service's keys cannot be fetched (down, or not up yet) — a 401 would sign LibreChat's client
     * out over a token that may be good — otherwise as Spring Security answers (401; any other failure
     * of the gateway rethrown).
     */
    private static ServerAuthenticationFailureHandler failed(JsonErrors errors, ServerAuthenticationEntryPoint unauthorized) {
        ServerAuthenticationFailureHandler refused = new ServerAuthenticationEntryPointFailureHandler(unauthorized);
        return (filterExchange, e) -> {
            if (!KeysUnavailableException.isCauseOf(e)) {
                return refused.onAuthenticationFailure(filterExchange, e);
            }
            ServerWebExchange exchange = filterExchange.getExchange();
            exchange.getResponse().getHeaders()
                    .set(HttpHeaders.RETRY_AFTER, Long.toString(KeysUnavailableException.RETRY_AFTER.toSeconds()));
            return errors.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, ErrorBody.of("unavailable",
                    "The service is starting or cannot reach the sign-in service; try again shortly"));
        };
    }

    /**
     * The bearer token of the {@code Authorization} header. LibreChat's client keeps sending its (possibly
     * expired) token on public routes such as {@code /api/auth/refresh}; there it is ignored rather than
     * refused. Read with a plain scan of the token's characters (RFC 6750's b64token) instead of Spring's
     * regular expression, which costs more than the rest of the check.
     */
    private static ServerAuthenticationConverter ignoredOn(Predicate<ServerHttpRequest> open) {
        return exchange -> {
            if (open.test(exchange.getRequest())) {
                return Mono.empty();
            }
            String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
            if (header == null || !header.regionMatches(true, 0, "Bearer", 0, 6)) {
                return Mono.empty();
            }
            String token = header.length() > 7 && header.charAt(6) == ' ' ? header.substring(7) : "";
            return isB64Token(token) ? Mono.just(new BearerTokenAuthenticationToken(token))
                    : Mono.error(new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed")));
        };
    }

    /** {@code 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="} */
    static boolean isB64Token(String token) {
        int end = token.length();
        while (end > 0 && token.charAt(end - 1) == '=') {
            end--;
        }
        if (end == 0) {
            return false;
        }
        for (int i = 0; i < end; i++) {
            char c = token.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * Spring Security's strict firewall with its own header rules (names: every character assigned and
     * none a control character; values: the same, tabs allowed) checked by a loop instead of the regular
     * expressions it runs on every header read — a 600-character bearer token on every request.
     */
    @Bean
    ServerWebExchangeFirewall firewall() {
        StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
        firewall.setAllowedHeaderNames(name -> assignedAndNotControl(name, false));
        firewall.setAllowedHeaderValues(value -> assignedAndNotControl(value, true));
        return firewall;
    }

    /**
     * A request the firewall refuses (an encoded {@code ..}, {@code /} or NUL in the path, a header
     * with control characters) is a JSON 400 like every other refusal; Spring's default has no body.
     */
    @Bean
    ServerExchangeRejectedHandler rejectedAsJson(JsonErrors errors) {
        return (exchange, rejected) -> errors.write(exchange, HttpStatus.BAD_REQUEST,
                ErrorBody.of("invalid_request", "The request was rejected: " + rejectedPart(rejected)));
    }

    /** Which part was refused, without echoing what the client sent. */
    private static String rejectedPart(ServerExchangeRejectedException rejected) {
        String message = String.valueOf(rejected.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return message.contains("header") ? "a header is not allowed" : "the path is not allowed";
    }

    /** Null (a header that is absent) passes, as with Spring Security's own rules. */
    static boolean assignedAndNotControl(String text, boolean tabAllowed) {
        if (text == null) {
            return true;
        }
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (!Character.isDefined(c) || (Character.isISOControl(c) && !(tabAllowed && c == '\t'))) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    @Bean
    VerifiedTokens verifiedAccessTokens(JwtProperties jwt, VerifiedTokenProperties properties, MeterRegistry meters) {
        return VerifiedTokens.ofAccessTokens(jwt, properties, meters);
    }

    /** Fetched as the gateway starts, so that the first signed-in request finds the keys held. */
    @Bean
    AuthServiceKeys authServiceKeys(JwtProperties properties) {
        AuthServiceKeys keys = new AuthServiceKeys(properties.jwksUri());
        keys.askUnlessFetched();
        return keys;
    }

    /**
     * Verifies a token's signature the first time it is seen; later requests take it from
     * {@link VerifiedTokens} and never reach the keys. A token that cannot be checked because the keys
     * cannot be fetched fails as a {@link JwtException} that is not a {@code BadJwtException} (Nimbus's
     * decoder would let its {@code IllegalStateException} through as a 500), which Spring Security
     * turns into an {@code AuthenticationServiceException}: answered 503 by {@link #failed}.
     */
    @Bean
    ReactiveJwtDecoder accessTokenDecoder(JwtProperties properties, VerifiedTokens verified, AuthServiceKeys keys) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder
                .withJwkSource(jwt -> keys.select(jwt.getHeader()))
                .jwsAlgorithm(SignatureAlgorithm.ES256)
                .build();
        decoder.setJwtValidator(AccessTokenValidators.of(properties));
        ReactiveJwtDecoder verifier = token -> decoder.decode(token).onErrorMap(KeysUnavailableException::isCauseOf,
                e -> new JwtException("The verification keys cannot be fetched right now", e));
        return verified.aroundReactive(verifier);
    }

    /** Only where the probes are: the readiness group is theirs. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty("management.endpoint.health.probes.enabled")
    static class KeySetReadinessConfiguration {

        /** Named as Boot's own, which it replaces (Boot defines its bean only when this name is missing). */
        @Bean
        KeySetReadiness readinessStateHealthIndicator(ApplicationAvailability availability, AuthServiceKeys keys) {
            return new KeySetReadiness(availability, keys);
        }
    }

    /** LibreChat's client sends cookies (refresh) and the bearer header; several origins may be allowed. */
    @Bean
    CorsConfigurationSource corsConfigurationSource(GatewayProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.corsOrigins().stream().map(String::trim).filter(s -> !s.isEmpty()).toList());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of("Content-Type", "Authorization", "X-Requested-With", "Accept",
                "X-LibreChat-Generation-Protocol", "X-Request-Id", "Last-Event-ID", "Cache-Control"));
        cors.setExposedHeaders(List.of("X-Request-Id", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining",
                "RateLimit-Reset", "Content-Disposition"));
        cors.setAllowCredentials(true);
        cors.setMaxAge(600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }
}
