package io.parley.common.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Where verification keys come from, and the decoder built on them. Keys are cached; a token that
 * names a key id not in the cache makes the source ask again (at most twice every
 * {@link #REFRESH_AT_MOST_EVERY}, shared by all requests), which is how a process follows a key
 * rotation without a restart. A token whose key cannot be found — an unknown or forged key id, an
 * algorithm no key has, a refetch that is throttled — finds no key and so is refused like any token
 * with a bad signature (401), never an error of the process. Over another process's key set (gRPC),
 * while its latest fetch failed, the token is answered 503 instead (see {@link NoKeyOnFailure}).
 */
public final class JwkSources {

    /** Access tokens are signed with ECDSA P-256; anything else (including "none") is rejected. */
    public static final JWSAlgorithm ALGORITHM = JWSAlgorithm.ES256;

    static final Duration CACHE_FOR = Duration.ofMinutes(5);
    static final Duration REFRESH_AT_MOST_EVERY = Duration.ofSeconds(2);
    static final Duration FETCH_TIMEOUT = Duration.ofSeconds(3);
    /** While auth-service cannot be reached, the keys held already keep verifying tokens for this long. */
    static final Duration OUTAGE_TOLERANT_FOR = Duration.ofHours(1);

    private JwkSources() {
    }

    /**
     * A cached source over another process's key set (gRPC or any custom fetch). {@code origin} should
     * throw {@link com.nimbusds.jose.jwk.source.JWKSetUnavailableException} when the set cannot be had,
     * which is what the retry and the outage tolerance act on. Until the set has been fetched once the
     * service's readiness is OUT_OF_SERVICE.
     */
    public static JWKSource<SecurityContext> cached(JWKSetSource<SecurityContext> origin) {
        KeyFetches fetches = new KeyFetches(origin);
        return new NoKeyOnFailure(configured(JWKSourceBuilder.create(fetches)), fetches);
    }

    /** A cached source over an HTTP JWKS document. */
    public static JWKSource<SecurityContext> cached(String jwksUri) {
        try {
            // Explicit timeouts: a fetch that hangs must fail (and be retried) rather than hold the request.
            DefaultResourceRetriever http = new DefaultResourceRetriever((int) FETCH_TIMEOUT.toMillis(),
                    (int) FETCH_TIMEOUT.toMillis(), 512 * 1024);
            return new NoKeyOnFailure(configured(JWKSourceBuilder.create(URI.create(jwksUri).toURL(), http)), null);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("parley.jwt.jwks-uri is not a URL: " + jwksUri, e);
        }
    }

    private static JWKSource<SecurityContext> configured(JWKSourceBuilder<SecurityContext> builder) {
        return builder.cache(CACHE_FOR.toMillis(), FETCH_TIMEOUT.toMillis())
                .rateLimited(REFRESH_AT_MOST_EVERY.toMillis())
                .retrying(true)
                .outageTolerant(OUTAGE_TOLERANT_FOR.toMillis())
                .build();
    }

    /** A blocking decoder that checks signature, issuer, audience, expiry and Parley's own claims. */
    public static JwtDecoder decoder(JWKSource<SecurityContext> keys, JwtProperties properties) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHM, keys));
        // Spring's validators below check the claims, with one vocabulary of errors.
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(AccessTokenValidators.of(properties));
        return decoder;
    }
}
