package io.parley.auth.graphtoken;

import io.parley.common.crypto.AesGcmSealer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Provider tokens at rest, sealed with common's {@link AesGcmSealer}. The key is derived (HMAC-SHA-256)
 * from a configured secret ({@code OPENID_SESSION_SECRET}); the record a value belongs to is its context,
 * so a ciphertext moved to another record does not open. Output: {@code v2:} + base64 of the sealed value.
 * Values of earlier versions ({@code v1:}) do not open: the person signs in with OpenID again.
 */
final class TokenCipher {

    private static final String PREFIX = "v2:";

    private final AesGcmSealer sealer;

    TokenCipher(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("no secret to derive the key from");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            SecretKeySpec key = new SecretKeySpec(mac.doFinal("parley provider tokens v1".getBytes(StandardCharsets.UTF_8)), "AES");
            this.sealer = new AesGcmSealer(key, "parley.provider-tokens.v2");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String encrypt(String plaintext, String record) {
        return PREFIX + Base64.getEncoder().encodeToString(sealer.seal(plaintext.getBytes(StandardCharsets.UTF_8), record));
    }

    /** @throws IllegalArgumentException when the value was not sealed with this key for this record */
    String decrypt(String sealed, String record) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a sealed value");
        }
        try {
            return new String(sealer.open(Base64.getDecoder().decode(sealed.substring(PREFIX.length())), record),
                    StandardCharsets.UTF_8);
        } catch (AesGcmSealer.Unreadable e) {
            throw new IllegalArgumentException("sealed with another key or for another record");
        }
    }
}
