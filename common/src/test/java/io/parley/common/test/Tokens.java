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

    /** The same claims with {@code alg: none} and no signature. */
    public static String unsigned(String signedToken) {
        return Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + signedToken.split("\\.")[1] + ".";
    }
}
