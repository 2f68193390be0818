package io.parley.common.security;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;

/**
 * Watches the fetches of another process's key set, beneath the cache: whether the set has been had at
 * least once (the process is ready only then) and whether the latest fetch failed (a token whose key
 * cannot be found then may be a good one the process merely cannot check).
 */
final class KeyFetches implements JWKSetSource<SecurityContext> {

    private final JWKSetSource<SecurityContext> origin;
    private volatile boolean fetchedOnce;
    private volatile boolean failing;

    KeyFetches(JWKSetSource<SecurityContext> origin) {
        this.origin = origin;
    }

    @Override
    public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refresh, long currentTime, SecurityContext context)
            throws KeySourceException {
        try {
            JWKSet keys = origin.getJWKSet(refresh, currentTime, context);
            fetchedOnce = true;
            failing = false;
            return keys;
        } catch (KeySourceException | RuntimeException e) {
            failing = true;
            throw e;
        }
    }

    /** True once a fetch has succeeded; it stays true (the keys held keep verifying through an outage). */
    boolean fetchedOnce() {
        return fetchedOnce;
    }

    /** True while the latest fetch failed: the process that holds the keys is down or not up yet. */
    boolean failing() {
        return failing;
    }

    @Override
    public void close() throws IOException {
        origin.close();
    }
}
