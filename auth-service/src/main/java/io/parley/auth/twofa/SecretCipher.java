package io.parley.auth.twofa;

import io.parley.common.crypto.AesGcmSealer;
import io.parley.common.crypto.SecretKeys;
import org.springframework.stereotype.Component;

/**
 * Seals TOTP secrets at rest (AES-256-GCM, {@link AesGcmSealer}) with {@code TWO_FACTOR_KEY} or the
 * generated key file. The tenant, user and enrolment are the associated data, so a sealed secret
 * copied into another user's record does not open.
 */
@Component
class SecretCipher {

    private static final String PURPOSE = "parley.totp-secret.v1";

    private final AesGcmSealer sealer;

    SecretCipher(TwoFactorProperties properties) {
        this.sealer = new AesGcmSealer(SecretKeys.fromSettingOrFile(properties.key(), "TWO_FACTOR_KEY",
                properties.keyFile(), "two-factor secrets"), PURPOSE);
    }

    byte[] seal(byte[] secret, String tenantId, String userId, String enrolmentId) {
        return sealer.seal(secret, tenantId, userId, enrolmentId);
    }

    /** @throws AesGcmSealer.Unreadable when the key changed or the record was altered or moved */
    byte[] open(byte[] sealed, String tenantId, String userId, String enrolmentId) {
        return sealer.open(sealed, tenantId, userId, enrolmentId);
    }
}
