package io.parley.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.SignedJWT;
import io.parley.common.test.TestSigningKey;
import io.parley.common.test.Tokens;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/** Keys fetched from another process: "cannot check now" (503) apart from "no such key" (401). */
class KeysUnavailableTest {

    private static final JwtProperties JWT = new JwtProperties("parley", "parley-api", Duration.ofSeconds(30), "unused");

    private final AtomicBoolean authUp = new AtomicBoolean(false);
    private final AtomicInteger fetches = new AtomicInteger();
    private final JWKSetSource<SecurityContext> authService = new JWKSetSource<>() {
        @Override
        public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refresh, long now,
                                SecurityContext context) throws JWKSetUnavailableException {
            fetches.incrementAndGet();
            if (!authUp.get()) {
                throw new JWKSetUnavailableException("connection refused");
            }
            return new JWKSet(TestSigningKey.KEY.toPublicJWK());
        }

        @Override
        public void close() {
        }
    };
    private final NoKeyOnFailure keys = (NoKeyOnFailure) JwkSources.cached(authService);
    private final JwtDecoder decoder = JwkSources.decoder(keys, JWT);

    @Test
    void aTokenArrivingBeforeTheKeysWereEverFetchedCannotBeCheckedAndSaysSo() {
        String token = Tokens.accessToken("u1", "acme", "USER", "ann");

        assertThatThrownBy(() -> decoder.decode(token))
                .isInstanceOf(JwtException.class)
                .isNotInstanceOf(BadJwtException.class)
                .satisfies(e -> assertThat(KeysUnavailableException.isCauseOf(e)).isTrue());
        assertThat(keys.held()).isFalse();
    }

    @Test
    void onceTheKeySetAnswersTheSameTokenPassesAndTheKeysAreHeld() {
        String token = Tokens.accessToken("u1", "acme", "USER", "ann");
        assertThat(keys.held()).isFalse();

        authUp.set(true);

        assertThat(keys.held()).isTrue();
        assertThat(decoder.decode(token).getSubject()).isEqualTo("u1");
    }

    @Test
    void aTokenWithAnUnknownKeyIdIsABadTokenWhileTheKeysCanBeFetched() throws Exception {
        authUp.set(true);
        String real = Tokens.accessToken("u1", "acme", "USER", "ann");
        decoder.decode(real);
        int before = fetches.get();

        for (int i = 0; i < 20; i++) {
            String forged = Tokens.sign(SignedJWT.parse(real).getJWTClaimsSet(),
                    new ECKeyGenerator(Curve.P_256).keyID("forged-" + i).generate());
            assertThatThrownBy(() -> decoder.decode(forged)).as("forged %d", i).isInstanceOf(BadJwtException.class);
        }
        assertThat(fetches.get() - before).as("refetches, throttled").isLessThanOrEqualTo(4);
    }

    @Test
    void keysFetchedOnceStayHeldAndKeepVerifyingWhileTheKeySetIsDown() {
        authUp.set(true);
        String token = Tokens.accessToken("u1", "acme", "USER", "ann");
        assertThat(keys.held()).isTrue();

        authUp.set(false);

        assertThat(keys.held()).isTrue();
        assertThat(decoder.decode(token).getSubject()).isEqualTo("u1");
    }

    @Test
    void keysOfTheProcessItselfAreAlwaysHeld() {
        assertThat(new NoKeyOnFailure((selector, context) -> List.of(), null).held()).isTrue();
    }
}
