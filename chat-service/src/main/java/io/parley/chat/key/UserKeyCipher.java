package io.parley.chat.key;

import io.parley.common.crypto.AesGcmSealer;
import io.parley.common.crypto.SecretKeys;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;

/**
 * AES-256-GCM for user-provided API keys ({@link AesGcmSealer}): the row a value belongs to
 * (tenant, user, endpoint name) is its associated data, so a value copied into another row does not open.
 *
 * <p>The key is {@code CREDS_KEY} when set; otherwise one generated on first start and kept in
 * {@link UserKeyProperties#keyFile()}, readable by its owner only. A bad key stops the start-up.
 * Values encrypted by LibreChat itself (AES-CBC with {@code CREDS_IV}) are not readable here.
 */
@Component
class UserKeyCipher {

    private static final String PURPOSE = "parley.user-key.v1";

    private final AesGcmSealer sealer;

    UserKeyCipher(UserKeyProperties properties) {
        this.sealer = new AesGcmSealer(SecretKeys.fromSettingOrFile(properties.credsKey(), "CREDS_KEY",
                properties.keyFile(), "user-provided API keys"), PURPOSE);
    }

    /** The value encrypted for its row. */
    byte[] seal(String plaintext, String tenantId, String user, String name) {
        return sealer.seal(plaintext.getBytes(StandardCharsets.UTF_8), tenantId, user, name);
    }

    /**
     * The plaintext of a value sealed for this row.
     *
     * @throws Unreadable when it was sealed with another key, for another row, or altered
     */
    String open(byte[] sealed, String tenantId, String user, String name) {
        try {
            return new String(sealer.open(sealed, tenantId, user, name), StandardCharsets.UTF_8);
        } catch (AesGcmSealer.Unreadable e) {
            throw new Unreadable();
        }
    }

    /** A stored value that does not decrypt; carries no detail, so nothing of the value or key can leak through it. */
    static final class Unreadable extends RuntimeException {
        Unreadable() {
            super("The stored value does not decrypt with this key for this row", null, false, false);
        }
    }
}
