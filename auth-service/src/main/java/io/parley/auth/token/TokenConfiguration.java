package io.parley.auth.token;

import io.parley.common.security.JwkSources;
import io.parley.common.security.JwtProperties;
import io.parley.common.security.PublicPaths;
import io.parley.common.security.VerifiedTokens;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * auth-service verifies with its own key ring (a {@code JWKSource} bean, so the shared gRPC key
 * source stays off) instead of asking itself over gRPC.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class TokenConfiguration {

    @Bean
    @Primary
    JwtDecoder accessTokenDecoder(KeyRing keyRing, JwtProperties properties, VerifiedTokens verified) {
        return verified.around(JwkSources.decoder(keyRing, properties));
    }

    @Bean
    @Qualifier("refresh")
    JwtDecoder refreshTokenDecoder(KeyRing keyRing, JwtProperties properties) {
        return JwkSources.decoder(keyRing, new JwtProperties(properties.issuer(), TokenIssuer.REFRESH_AUDIENCE,
                properties.clockSkew(), properties.jwksUri()));
    }

    @Bean
    PublicPaths authPublicPaths() {
        return new PublicPaths("/api/auth/login", "/api/auth/register", "/api/auth/refresh", "/.well-known/jwks.json");
    }
}
