package io.parley.common.test;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The key a service's tests sign access tokens with, in place of auth-service's: import
 * {@link Trusted} and the service verifies tokens made with {@link Tokens#sign} and {@link #KEY}.
 */
public final class TestSigningKey {

    public static final ECKey KEY = generate();

    private TestSigningKey() {
    }

    /** The service's JWKS is this key alone. */
    @TestConfiguration
    public static class Trusted {
        @Bean
        JWKSource<SecurityContext> testKeys() {
            return new ImmutableJWKSet<>(new JWKSet(KEY.toPublicJWK()));
        }
    }

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID("parley-test").generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
