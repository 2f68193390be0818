package io.parley.gateway.security;

import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.parley.common.error.ErrorBody;
import io.parley.common.security.AccessTokenValidators;
import io.parley.common.security.JwkSources;
import io.parley.common.security.JwtProperties;
import io.parley.gateway.GatewayProperties;
import io.parley.gateway.edge.JsonErrors;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The access token is verified here on every route but the public ones — signature against
 * auth-service's published keys (cached, refetched for an unknown key id), issuer, audience, expiry
 * — and again by the service behind. CORS for the configured browser origins.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JwtProperties.class)
class GatewaySecurityConfiguration {

    @Bean
    SecurityWebFilterChain gatewaySecurity(ServerHttpSecurity http, GatewayProperties properties, JsonErrors errors) {
        ServerAuthenticationEntryPoint unauthorized = (exchange, e) -> {
            exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer");
            return errors.write(exchange, HttpStatus.UNAUTHORIZED, ErrorBody.of("unauthorized", "Unauthorized"));
        };
        ServerAccessDeniedHandler forbidden = (exchange, e) ->
                errors.write(exchange, HttpStatus.FORBIDDEN, ErrorBody.of("forbidden", "You are not allowed to do this"));
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .cors(cors -> { })
                .authorizeExchange(a -> {
                    a.pathMatchers(HttpMethod.OPTIONS, "/**").permitAll();
                    properties.publicPaths().forEach(entry -> a.matchers(matcher(entry)).permitAll());
                    a.anyExchange().authenticated();
                })
                .oauth2ResourceServer(o -> o.jwt(jwt -> { })
                        .bearerTokenConverter(ignoredOnPublicPaths(properties.publicPaths()))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .build();
    }

    /**
     * LibreChat's client keeps sending its (possibly expired) bearer token on public routes such as
     * {@code /api/auth/refresh}; there the token is ignored rather than refused.
     */
    private static ServerAuthenticationConverter ignoredOnPublicPaths(List<String> publicPaths) {
        ServerBearerTokenAuthenticationConverter bearer = new ServerBearerTokenAuthenticationConverter();
        List<ServerWebExchangeMatcher> open = publicPaths.stream().map(GatewaySecurityConfiguration::matcher).toList();
        return exchange -> Flux.fromIterable(open)
                .concatMap(m -> m.matches(exchange))
                .any(ServerWebExchangeMatcher.MatchResult::isMatch)
                .flatMap(isPublic -> isPublic ? Mono.empty() : bearer.convert(exchange));
    }

    /** "METHOD /path" or "/path" (Ant-style pattern). */
    private static ServerWebExchangeMatcher matcher(String entry) {
        String[] parts = entry.trim().split("\\s+", 2);
        return parts.length == 2
                ? ServerWebExchangeMatchers.pathMatchers(HttpMethod.valueOf(parts[0]), parts[1])
                : ServerWebExchangeMatchers.pathMatchers(parts[0]);
    }

    @Bean
    ReactiveJwtDecoder accessTokenDecoder(JwtProperties properties) {
        JWKSource<SecurityContext> keys = JwkSources.cached(properties.jwksUri());
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder
                .withJwkSource(jwt -> Mono.fromCallable(() -> keys.get(new JWKSelector(JWKMatcher.forJWSHeader(jwt.getHeader())), null))
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMapMany(Flux::fromIterable))
                .jwsAlgorithm(SignatureAlgorithm.ES256)
                .build();
        decoder.setJwtValidator(AccessTokenValidators.of(properties));
        return decoder;
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
