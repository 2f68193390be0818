package io.parley.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.parley.auth.AuthIntegrationTest;
import io.parley.auth.AuthProperties;
import io.parley.common.test.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

class KeyRingIntegrationTest extends AuthIntegrationTest {

    @Autowired
    KeyRing keys;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    AuthProperties properties;

    @Test
    void tokensSignedBeforeARotationStayValidAndNewOnesUseTheNewKey() throws Exception {
        Http.Response before = signedIn();
        ECKey old = keys.signingKey();

        ECKey fresh = keys.rotate();
        Http.Response after = signedIn();

        assertThat(fresh.getKeyID()).isNotEqualTo(old.getKeyID());
        assertThat(http.get("/api/user", "Authorization", "Bearer " + before.json().get("token").asString()).status()).isEqualTo(200);
        assertThat(http.get("/api/user", "Authorization", "Bearer " + after.json().get("token").asString()).status()).isEqualTo(200);
        JWKSet published = JWKSet.parse(http.get("/.well-known/jwks.json").body());
        assertThat(published.getKeyByKeyId(old.getKeyID())).isNotNull();
        assertThat(published.getKeyByKeyId(fresh.getKeyID())).isNotNull();
        SignedJWT oldToken = SignedJWT.parse(before.json().get("token").asString());
        SignedJWT newToken = SignedJWT.parse(after.json().get("token").asString());
        assertThat(oldToken.getHeader().getKeyID()).isEqualTo(old.getKeyID());
        assertThat(newToken.getHeader().getKeyID()).isEqualTo(fresh.getKeyID());
        assertThat(oldToken.verify(new ECDSAVerifier(published.getKeyByKeyId(old.getKeyID()).toECKey()))).isTrue();
        assertThat(newToken.verify(new ECDSAVerifier(published.getKeyByKeyId(fresh.getKeyID()).toECKey()))).isTrue();
        assertThat(newToken.verify(new ECDSAVerifier(published.getKeyByKeyId(old.getKeyID()).toECKey())))
                .as("the new token is not signed with the old key")
                .isFalse();
        assertThat(refresh(before.cookie("refreshToken")).status()).isEqualTo(200);
    }

    @Test
    void aRestartedInstanceSignsWithTheSameStoredKey() {
        KeyRing restarted = new KeyRing(mongo, properties);
        assertThat(restarted.signingKey()).isEqualTo(keys.signingKey());
        assertThat(restarted.publicJwkSetJson()).isEqualTo(keys.publicJwkSetJson());
    }

    private Http.Response refresh(String cookie) {
        return http.post("/api/auth/refresh", null, "Cookie", "refreshToken=" + cookie);
    }
}
