package io.parley.common.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Access tokens whose signature this process has already verified, so that a token crossing the
 * gateway, a service and the gRPC servers behind it costs one ECDSA verification per process, not one
 * per request. Entries are keyed by the SHA-256 of the whole token (a forged token differs in its
 * signature and so in its key) and only successful verifications are stored. The claim checks
 * (expiry, issuer, audience, tenant) run again on every use; a token is held until it expires, at
 * most {@link VerifiedTokenProperties#holdAtMost()}.
 */
public final class VerifiedTokens {

    private final Cache<Digest, Jwt> verified;
    private final OAuth2TokenValidator<Jwt> claims;
    private final Clock clock;
    private final Counter hits;
    private final Counter misses;

    public VerifiedTokens(VerifiedTokenProperties properties, OAuth2TokenValidator<Jwt> claims, Clock clock,
                          MeterRegistry meters) {
        this.claims = claims;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(properties.maxEntries())
                .expireAfter(Expiry.creating((Digest key, Jwt jwt) -> holdFor(jwt, properties.holdAtMost())))
                .build();
        this.hits = Counter.builder("parley.security.verified.tokens").tag("result", "hit")
                .description("Access tokens served from the verified-token cache").register(meters);
        this.misses = Counter.builder("parley.security.verified.tokens").tag("result", "miss")
                .description("Access tokens whose signature was verified").register(meters);
    }

    /** Remembers access tokens as {@link AccessTokenValidators} checks them, on the system clock. */
    public static VerifiedTokens ofAccessTokens(JwtProperties jwt, VerifiedTokenProperties properties,
                                                MeterRegistry meters) {
        return new VerifiedTokens(properties, AccessTokenValidators.of(jwt), Clock.systemUTC(), meters);
    }

    /** A decoder that verifies through {@code verifier} only the tokens not verified before. */
    public JwtDecoder around(JwtDecoder verifier) {
        return token -> {
            Jwt known = lookup(token);
            if (known != null) {
                return known;
            }
            Jwt jwt = verifier.decode(token);
            remember(token, jwt);
            return jwt;
        };
    }

    /** The same for a reactive decoder (the gateway's). */
    public ReactiveJwtDecoder aroundReactive(ReactiveJwtDecoder verifier) {
        return token -> {
            Jwt known;
            try {
                known = lookup(token);
            } catch (JwtException e) {
                return Mono.error(e);
            }
            return known != null ? Mono.just(known) : verifier.decode(token).doOnNext(jwt -> remember(token, jwt));
        };
    }

    /**
     * The token as verified before, its claims checked again now; null when it is not held.
     *
     * @throws JwtValidationException when it is held but its claims no longer pass (it expired)
     */
    public Jwt lookup(String token) {
        Digest key = Digest.of(token);
        Jwt jwt = verified.getIfPresent(key);
        if (jwt == null) {
            misses.increment();
            return null;
        }
        OAuth2TokenValidatorResult result = claims.validate(jwt);
        if (result.hasErrors()) {
            verified.invalidate(key);
            throw new JwtValidationException("The access token is no longer valid", result.getErrors());
        }
        hits.increment();
        return jwt;
    }

    /** Holds a token whose signature and claims have just been verified. */
    public void remember(String token, Jwt jwt) {
        if (jwt.getExpiresAt() == null || !jwt.getTokenValue().equals(token)) {
            throw new JwtException("Only a verified token with an expiry can be remembered");
        }
        verified.put(Digest.of(token), jwt);
    }

    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }

    private Duration holdFor(Jwt jwt, Duration atMost) {
        Duration untilExpiry = Duration.between(clock.instant(), jwt.getExpiresAt());
        Duration hold = untilExpiry.compareTo(atMost) < 0 ? untilExpiry : atMost;
        return hold.isNegative() ? Duration.ZERO : hold;
    }

    /** SHA-256 of a token, as four longs: cheap to compare and hash. */
    private record Digest(long a, long b, long c, long d) {

        static Digest of(String token) {
            ByteBuffer bytes = ByteBuffer.wrap(sha256().digest(token.getBytes(StandardCharsets.UTF_8)));
            return new Digest(bytes.getLong(), bytes.getLong(), bytes.getLong(), bytes.getLong());
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("Every Java runtime has SHA-256", e);
            }
        }
    }
}
