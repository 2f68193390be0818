package io.parley.common.security;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A key source that answers "no key" when the keys cannot be had. Anyone can send a token naming a key
 * id that does not exist; each one makes the cache refetch, and once the refetches are throttled the
 * underlying source throws. That must not turn a forged token into a server error: without a key the
 * token's signature cannot be verified, so it is refused (401) like any other bad signature.
 */
final class NoKeyOnFailure implements JWKSource<SecurityContext> {

    private static final Logger LOG = LoggerFactory.getLogger(NoKeyOnFailure.class);

    private final JWKSource<SecurityContext> keys;

    NoKeyOnFailure(JWKSource<SecurityContext> keys) {
        this.keys = keys;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        try {
            return keys.get(selector, context);
        } catch (RateLimitReachedException e) {
            return List.of();
        } catch (KeySourceException e) {
            // The key server is down or answers garbage: tokens signed with keys held already still pass.
            LOG.warn("Verification keys unavailable; tokens signed with keys not held are refused reason={}", e.getMessage());
            return List.of();
        }
    }
}
