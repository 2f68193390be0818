package io.parley.common.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a valid access token must say about itself.
 *
 * @param issuer    the {@code iss} every token carries
 * @param audience  the {@code aud} of access tokens (refresh tokens carry another, so they never pass here)
 * @param clockSkew tolerated clock difference between processes for {@code exp}/{@code nbf}
 * @param jwksUri   where the public keys are fetched over HTTP (the gateway); services ask auth-service over gRPC
 */
@ConfigurationProperties("parley.jwt")
public record JwtProperties(@DefaultValue("parley") String issuer, @DefaultValue("parley-api") String audience,
                            @DefaultValue("30s") Duration clockSkew,
                            @DefaultValue("http://127.0.0.1:3081/.well-known/jwks.json") String jwksUri) {
}
