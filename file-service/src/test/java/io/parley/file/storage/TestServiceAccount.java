package io.parley.file.storage;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;

/**
 * A Google service-account key made for the test: an RSA key of its own, in the JSON a Cloud console
 * download has. Its token endpoint is a closed loopback port, so a credential that asked for a token
 * would fail here instead of reaching out.
 */
record TestServiceAccount(String json, String email, PublicKey publicKey) {

    static TestServiceAccount create() {
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            pair = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        // the PEM lines joined by JSON escapes
        String pem = ("-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n").replace("\n", "\\n");
        String email = "parley-files@demo-parley.iam.gserviceaccount.com";
        String json = "{\"type\":\"service_account\",\"project_id\":\"demo-parley\",\"private_key_id\":\"test\","
                + "\"private_key\":\"" + pem + "\",\"client_email\":\"" + email + "\",\"client_id\":\"1\","
                + "\"token_uri\":\"http://127.0.0.1:9/token\"}";
        return new TestServiceAccount(json, email, pair.getPublic());
    }
}
