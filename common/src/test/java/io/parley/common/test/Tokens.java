package io.parley.common.test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Access tokens made by hand, to show which ones the system refuses. */
public final class Tokens {

    private Tokens() {
    }

    /** ES256 over {@code claims} with {@code key}, naming the key's id as auth-service does. */
    public static String sign(JWTClaimsSet claims, ECKey key) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /**
     * An access token of the person as auth-service issues it (10 minutes), signed with the tests'
     * {@link TestSigningKey}.
     *
     * @param username the {@code username} claim; null for none
     */
    public static String accessToken(String id, String tenant, String role, String username) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(id).claim("id", id).claim("tenant", tenant)
                .claim("role", role).issuer("parley").audience("parley-api").issueTime(new java.util.Date())
                .expirationTime(java.util.Date.from(java.time.Instant.now().plusSeconds(600)));
        if (username != null) {
            claims.claim("username", username);
        }
        return sign(claims.build(), TestSigningKey.KEY);
    }

    /** The same claims with {@code alg: none} and no signature. */
    public static String unsigned(String signedToken) {
        return Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + signedToken.split("\\.")[1] + ".";
    }
}
