package io.parley.common.security;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service verifies the access token itself, even behind the gateway: reached directly, it is still
 * safe. Stateless, no cookies of its own, JSON 401/403, and 503 while the keys to check a token cannot
 * be had. Paths in {@link PublicPaths} beans, health and metrics are open. An operator's token is good on
 * the admin routes only ({@link OperatorConfinement}). Its readiness waits for the
 * keys (before Boot's availability indicators, whose readiness bean it replaces).
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
        "org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration",
        "org.springframework.boot.health.autoconfigure.application.AvailabilityHealthContributorAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties({JwtProperties.class, VerifiedTokenProperties.class})
public class ServiceSecurityAutoConfiguration {

    static final List<String> ALWAYS_OPEN = List.of("/actuator/health", "/actuator/health/**", "/actuator/info",
            "/actuator/prometheus", "/error");

    /** One per process: HTTP security and the gRPC server interceptor share what was verified. */
    @Bean
    @ConditionalOnMissingBean
    VerifiedTokens verifiedAccessTokens(JwtProperties jwt, VerifiedTokenProperties properties,
                                        ObjectProvider<MeterRegistry> meters) {
        return VerifiedTokens.ofAccessTokens(jwt, properties, meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    /**
     * The decoder over the key source of this process (auth-service's own keys, or theirs fetched over
     * gRPC), verifying each token's signature once.
     */
    @Bean
    @ConditionalOnMissingBean
    JwtDecoder parleyJwtDecoder(JWKSource<SecurityContext> keys, JwtProperties properties, VerifiedTokens verified) {
        return verified.around(JwkSources.decoder(keys, properties));
    }

    @Bean
    @ConditionalOnMissingBean
    SecurityFilterChain parleySecurityFilterChain(HttpSecurity http, ObjectProvider<PublicPaths> publicPaths,
                                                  JsonMapper json) throws Exception {
        JsonSecurityErrors errors = new JsonSecurityErrors(json);
        RequestMatcher[] open = Stream.concat(ALWAYS_OPEN.stream(),
                publicPaths.orderedStream().flatMap(p -> p.patterns().stream())).map(ServiceSecurityAutoConfiguration::matcher)
                .toArray(RequestMatcher[]::new);
        http.csrf(AbstractHttpConfigurer::disable)
                .cors(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.OPTIONS, "/**").permitAll()
                        .requestMatchers(open).permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(o -> o
                        .jwt(jwt -> { })
                        .bearerTokenResolver(ignoredOn(open))
                        .authenticationEntryPoint(errors.unauthorized())
                        .accessDeniedHandler(errors.forbidden())
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationFailureHandler(errors.bearerTokenFailed());
                                return filter;
                            }
                        }))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint(errors.unauthorized())
                        .accessDeniedHandler(errors.forbidden()))
                .addFilterAfter(new OperatorConfinement(json), BearerTokenAuthenticationFilter.class);
        return http.build();
    }

    /**
     * LibreChat's client keeps sending its (possibly expired) bearer token on public routes such as
     * {@code /api/auth/refresh}; there the token is ignored rather than refused.
     */
    private static BearerTokenResolver ignoredOn(RequestMatcher[] open) {
        DefaultBearerTokenResolver resolver = new DefaultBearerTokenResolver();
        return request -> Stream.of(open).anyMatch(m -> m.matches(request)) ? null : resolver.resolve(request);
    }

    /** {@code "/path"} for every method, {@code "METHOD /path"} for one. */
    private static RequestMatcher matcher(String entry) {
        int space = entry.indexOf(' ');
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        return space < 0 ? paths.matcher(entry)
                : paths.matcher(HttpMethod.valueOf(entry.substring(0, space)), entry.substring(space + 1).trim());
    }

    @Bean
    @ConditionalOnMissingBean
    OptionalCaller optionalCaller(JwtDecoder tokens) {
        return new OptionalCaller(tokens);
    }

    @Bean
    WebMvcConfigurer currentUserParameters() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CurrentUserArgumentResolver());
            }
        };
    }

    /** Only where the probes are: the readiness group is theirs. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.application.ReadinessStateHealthIndicator")
    @ConditionalOnBooleanProperty("management.endpoint.health.probes.enabled")
    static class KeysReadinessConfiguration {

        /** Named as Boot's own, which it replaces (Boot defines its bean only when this name is missing). */
        @Bean
        KeysReadiness readinessStateHealthIndicator(ApplicationAvailability availability,
                                                    ObjectProvider<JWKSource<SecurityContext>> keys) {
            return new KeysReadiness(availability, keys);
        }
    }
}
