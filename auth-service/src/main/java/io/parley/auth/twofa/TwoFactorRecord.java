package io.parley.auth.twofa;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A user's two-factor state, one document per (tenant, user) kept apart from the user document; the
 * user's {@code twoFactorEnabled} flag follows it. 2FA is on exactly while {@code active} is set.
 *
 * @param id      {@link #idOf}: tenant and user, so that the document is found and changed atomically by its key
 * @param active  the enrolment that signs in; null while 2FA is off
 * @param pending an enrolment waiting for its first code ({@code /2fa/confirm}); null when none
 */
@Document("two_factor")
record TwoFactorRecord(@Id String id, String tenantId, String userId, Enrolment active, Enrolment pending,
                       Instant updatedAt) {

    static String idOf(String tenantId, String userId) {
        // Tenant names have no '/', so no two (tenant, user) pairs give the same id.
        return tenantId + "/" + userId;
    }

    boolean enabled() {
        return active != null;
    }

    /**
     * One TOTP secret with its backup codes.
     *
     * @param enrolmentId  random; the secret's associated data and the guard of every conditional update
     * @param secret       the TOTP key, AES-GCM sealed ({@link SecretCipher}); never stored in the clear
     * @param lastUsedStep the latest time step whose code was accepted (no code of it or an earlier step
     *                     passes again); null until one is
     */
    record Enrolment(String enrolmentId, byte[] secret, Long lastUsedStep, List<BackupCode> backupCodes, Instant createdAt) {

        Enrolment withLastUsedStep(long step) {
            return new Enrolment(enrolmentId, secret, step, backupCodes, createdAt);
        }
    }

    /**
     * LibreChat's backup code entry; {@code codeHash} is a salted PBKDF2 hash ({@link BackupCodes}), not
     * LibreChat's bare SHA-256.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record BackupCode(String codeHash, boolean used, Instant usedAt) {
    }
}
