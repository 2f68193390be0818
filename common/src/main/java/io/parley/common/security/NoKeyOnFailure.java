package io.parley.common.security;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A key source that answers "no key" when the keys cannot be had, unless they cannot be had at all.
 * Anyone can send a token naming a key id that does not exist; each one makes the cache refetch, and
 * once the refetches are throttled the underlying source throws. That must not turn a forged token
 * into a server error: without a key the token's signature cannot be verified, so it is refused (401)
 * like any other bad signature. But when the fetches are watched ({@link KeyFetches}) and the latest
 * one failed, the process holding the keys is down or not up yet: the token may be good, and it is
 * answered {@link KeysUnavailableException} (503) so that the person is not signed out.
 */
final class NoKeyOnFailure implements JWKSource<SecurityContext> {

    private static final Logger LOG = LoggerFactory.getLogger(NoKeyOnFailure.class);
    private static final JWKSelector ANY_KEY = new JWKSelector(new JWKMatcher.Builder().build());

    private final JWKSource<SecurityContext> keys;
    private final @Nullable KeyFetches fetches;

    /**
     * @param fetches the watched fetches beneath {@code keys}; null where a failure can only be refused
     *                (the gateway's reactive chain has no answer but 401 for it)
     */
    NoKeyOnFailure(JWKSource<SecurityContext> keys, @Nullable KeyFetches fetches) {
        this.keys = keys;
        this.fetches = fetches;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeysUnavailableException {
        try {
            return keys.get(selector, context);
        } catch (KeySourceException e) {
            if (fetches != null && fetches.failing()) {
                throw new KeysUnavailableException(e);
            }
            if (!(e instanceof RateLimitReachedException)) {
                // The key server answers garbage: tokens signed with keys held already still pass.
                LOG.warn("Verification keys unavailable; tokens signed with keys not held are refused reason={}",
                        e.getMessage());
            }
            return List.of();
        }
    }

    /**
     * Whether the key set has been fetched at least once, asking for it if not; a source whose fetches
     * are not watched counts as held. Never throws: the answer is for the readiness probe.
     */
    boolean held() {
        if (fetches == null || fetches.fetchedOnce()) {
            return true;
        }
        try {
            keys.get(ANY_KEY, null);
        } catch (KeySourceException e) {
            LOG.debug("Verification keys not fetched yet reason={}", e.getMessage());
        }
        return fetches.fetchedOnce();
    }
}
