package io.parley.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.common.test.TestSigningKey;
import io.parley.common.test.Tokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

class VerifiedTokensTest {

    private static final ImmutableJWKSet<SecurityContext> TRUSTED =
            new ImmutableJWKSet<>(new JWKSet(TestSigningKey.KEY.toPublicJWK()));
    private static final JwtProperties JWT = new JwtProperties("parley", "parley-api", Duration.ofSeconds(30), "unused");

    private final MutableClock clock = new MutableClock(Instant.now());
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final VerifiedTokens verified = new VerifiedTokens(new VerifiedTokenProperties(1000, Duration.ofMinutes(5)),
            AccessTokenValidators.of(JWT, clock), clock, meters);
    private final AtomicInteger signatureChecks = new AtomicInteger();
    private final JwtDecoder verifier = JwkSources.decoder(TRUSTED, JWT);
    private final JwtDecoder decoder = verified.around(token -> {
        signatureChecks.incrementAndGet();
        return verifier.decode(token);
    });

    @Test
    void aTokenIsVerifiedOnceAndThenServedFromMemory() {
        String token = Tokens.accessToken("u1", "acme", "USER", "ann");

        Jwt first = decoder.decode(token);
        Jwt again = decoder.decode(token);
        decoder.decode(token);

        assertThat(signatureChecks).hasValue(1);
        assertThat(again.getSubject()).isEqualTo("u1");
        assertThat(again.getClaimAsString("tenant")).isEqualTo("acme");
        assertThat(again).isSameAs(first);
        assertThat(meters.counter("parley.security.verified.tokens", "result", "hit").count()).isEqualTo(2);
        assertThat(meters.counter("parley.security.verified.tokens", "result", "miss").count()).isEqualTo(1);
    }

    @Test
    void aCachedTokenIsRefusedOnceItHasExpired() {
        String token = Tokens.sign(claims("u1", "acme", clock.instant().plusSeconds(60)), TestSigningKey.KEY);
        decoder.decode(token);

        clock.advance(Duration.ofSeconds(60 + 31)); // past expiry and the allowed clock skew

        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class);
        assertThat(signatureChecks).hasValue(1);
    }

    @Test
    void aForgedTokenNeverEntersTheCacheAndNeverPassesForTheRealOne() throws Exception {
        String real = Tokens.accessToken("u1", "acme", "USER", "ann");
        decoder.decode(real);
        ECKey forger = new ECKeyGenerator(Curve.P_256).keyID(TestSigningKey.KEY.getKeyID()).generate();
        String forged = Tokens.sign(SignedJWT.parse(real).getJWTClaimsSet(), forger);
        String[] parts = real.split("\\.");
        String realClaimsForgedSignature = parts[0] + "." + parts[1] + "." + forged.split("\\.")[2];

        for (String token : new String[] {forged, realClaimsForgedSignature, Tokens.unsigned(real)}) {
            assertThatThrownBy(() -> decoder.decode(token)).as(token).isInstanceOf(JwtException.class);
            assertThatThrownBy(() -> decoder.decode(token)).as("asked again: " + token).isInstanceOf(JwtException.class);
        }
        assertThat(verified.size()).isEqualTo(1);
        assertThat(signatureChecks).hasValue(1 + 6);
    }

    @Test
    void aTokenOfAnotherAudienceIsNotServedEvenIfItWasRemembered() {
        String token = Tokens.sign(new JWTClaimsSet.Builder(claims("u1", "acme", clock.instant().plusSeconds(600)))
                .audience("parley-refresh").build(), TestSigningKey.KEY);
        Jwt refresh = JwkSources.decoder(TRUSTED,
                new JwtProperties("parley", "parley-refresh", Duration.ofSeconds(30), "unused")).decode(token);

        verified.remember(token, refresh);

        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class);
    }

    @Test
    void aTokenIsHeldNoLongerThanItLives() {
        String token = Tokens.sign(claims("u1", "acme", clock.instant().minusSeconds(1)), TestSigningKey.KEY);
        Jwt stillWithinSkew = verifier.decode(token);

        verified.remember(token, stillWithinSkew);

        assertThat(verified.size()).isZero();
    }

    private static JWTClaimsSet claims(String id, String tenant, Instant expiresAt) {
        return new JWTClaimsSet.Builder().subject(id).claim("id", id).claim("tenant", tenant).claim("role", "USER")
                .issuer("parley").audience("parley-api").issueTime(Date.from(expiresAt.minusSeconds(600)))
                .expirationTime(Date.from(expiresAt)).build();
    }

    private static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
