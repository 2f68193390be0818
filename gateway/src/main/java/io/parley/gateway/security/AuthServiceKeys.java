package io.parley.gateway.security;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import io.parley.common.security.JwkSources;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * auth-service's published verification keys as the gateway holds them: common's cached source (an
 * unknown key id refetches, at most twice every 2 s; keys held keep verifying through an hour of outage)
 * over an HTTP fetch of {@code parley.jwt.jwks-uri}. Its fetches are watched, as the services' gRPC
 * fetches are, so that "no such key" (a forged key id: 401) is told apart from "the keys cannot be
 * fetched" (auth-service down or not up yet: {@link io.parley.common.security.KeysUnavailableException},
 * 503), and so that readiness can wait for the key set. A lookup may fetch, so it never runs on an
 * event-loop thread.
 */
final class AuthServiceKeys {

    private static final Logger LOG = LoggerFactory.getLogger(AuthServiceKeys.class);
    /** As common's fetches: one that hangs must fail (and be retried) rather than hold the requests waiting on it. */
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(3);
    private static final int MAX_KEY_SET_BYTES = 512 * 1024;
    private static final JWKSelector ANY_KEY = new JWKSelector(new JWKMatcher.Builder().build());

    private final JWKSource<SecurityContext> keys;
    private final AtomicBoolean asking = new AtomicBoolean();
    private volatile boolean fetchedOnce;

    AuthServiceKeys(String jwksUri) {
        DefaultResourceRetriever http = new DefaultResourceRetriever((int) FETCH_TIMEOUT.toMillis(),
                (int) FETCH_TIMEOUT.toMillis(), MAX_KEY_SET_BYTES);
        try {
            this.keys = JwkSources.cached(new FirstFetchNoted(new URLBasedJWKSetSource<>(URI.create(jwksUri).toURL(), http)));
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("parley.jwt.jwks-uri is not a URL: " + jwksUri, e);
        }
    }

    /**
     * The keys a token's header names, looked up on {@code boundedElastic} (a key id not held refetches).
     * Fails with {@code KeysUnavailableException} while the latest fetch failed; empty when there is no
     * such key.
     */
    Flux<JWK> select(JWSHeader header) {
        JWKSelector selector = new JWKSelector(JWKMatcher.forJWSHeader(header));
        return Mono.fromCallable(() -> keys.get(selector, null))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMapMany(Flux::fromIterable);
    }

    /** True once the key set has been fetched; it stays true (the keys held keep verifying through an outage). */
    boolean fetchedOnce() {
        return fetchedOnce;
    }

    /**
     * Asks for the key set in the background unless it has been fetched already or is being asked for;
     * returns at once. Failures are left to the next ask (the source throttles them anyway).
     */
    void askUnlessFetched() {
        if (fetchedOnce || !asking.compareAndSet(false, true)) {
            return;
        }
        Mono.fromCallable(() -> keys.get(ANY_KEY, null))
                .subscribeOn(Schedulers.boundedElastic())
                .doFinally(signal -> asking.set(false))
                .subscribe(held -> { }, e -> LOG.debug("Verification keys not fetched yet reason={}", e.getMessage()));
    }

    /** Notes the first key set fetched; beneath the cache, so it sees real fetches only. */
    private final class FirstFetchNoted implements JWKSetSource<SecurityContext> {

        private final JWKSetSource<SecurityContext> origin;

        FirstFetchNoted(JWKSetSource<SecurityContext> origin) {
            this.origin = origin;
        }

        @Override
        public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refresh, long currentTime, SecurityContext context)
                throws KeySourceException {
            JWKSet set = origin.getJWKSet(refresh, currentTime, context);
            if (!fetchedOnce) {
                fetchedOnce = true;
                LOG.info("Verification keys fetched keys={}", set.size());
            }
            return set;
        }

        @Override
        public void close() throws IOException {
            origin.close();
        }
    }
}
