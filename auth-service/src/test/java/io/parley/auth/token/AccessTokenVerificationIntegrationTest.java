package io.parley.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import io.parley.auth.AuthIntegrationTest;
import io.parley.common.test.Http;
import io.parley.common.test.Tokens;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Tokens that must not open anything: expired, forged, unsigned, for another audience. */
class AccessTokenVerificationIntegrationTest extends AuthIntegrationTest {

    @Autowired
    KeyRing keys;

    @Test
    void aTokenSignedByTheKeyRingOpensTheApi() throws Exception {
        assertThat(call(sign(claims(Instant.now().plusSeconds(60)).build(), keys.signingKey())).status()).isEqualTo(200);
    }

    @Test
    void anExpiredTokenIs401() throws Exception {
        Http.Response response = call(sign(claims(Instant.now().minusSeconds(120)).build(), keys.signingKey()));
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("error").asString()).isEqualTo("unauthorized");
    }

    @Test
    void aTokenSignedByAnotherKeyWithTheSameKeyIdIs401() throws Exception {
        ECKey forger = new ECKeyGenerator(Curve.P_256).keyID(keys.signingKey().getKeyID()).generate();
        assertThat(call(sign(claims(Instant.now().plusSeconds(60)).build(), forger)).status()).isEqualTo(401);
    }

    @Test
    void anUnsignedAlgNoneTokenIs401() throws Exception {
        String signed = sign(claims(Instant.now().plusSeconds(60)).build(), keys.signingKey());
        assertThat(call(Tokens.unsigned(signed)).status()).isEqualTo(401);
    }

    @Test
    void aTokenForAnotherAudienceOrIssuerIs401() throws Exception {
        assertThat(call(sign(claims(Instant.now().plusSeconds(60)).audience("someone-else").build(), keys.signingKey())).status())
                .isEqualTo(401);
        assertThat(call(sign(claims(Instant.now().plusSeconds(60)).issuer("evil").build(), keys.signingKey())).status())
                .isEqualTo(401);
    }

    @Test
    void theJwksPublishesPublicKeysOnly() {
        JsonNode jwks = http.get("/.well-known/jwks.json").json();
        assertThat(jwks.get("keys").isEmpty()).isFalse();
        jwks.get("keys").forEach(key -> {
            assertThat(key.get("kty").asString()).isEqualTo("EC");
            assertThat(key.has("d")).isFalse();
        });
    }

    private Http.Response call(String token) {
        return http.get("/api/user", "Authorization", "Bearer " + token);
    }

    private JWTClaimsSet.Builder claims(Instant expiry) {
        // a real user, so that a valid token really gets 200
        JsonNode user = signedIn().json().get("user");
        return new JWTClaimsSet.Builder().subject(user.get("id").asString()).claim("id", user.get("id").asString())
                .claim("tenant", "default").claim("role", "USER").claim("email", user.get("email").asString())
                .issuer("parley").audience("parley-api").issueTime(Date.from(Instant.now().minusSeconds(300)))
                .expirationTime(Date.from(expiry));
    }

    private static String sign(JWTClaimsSet claims, ECKey key) {
        return Tokens.sign(claims, key);
    }
}
