package io.parley.auth.twofa;

import io.parley.common.crypto.AesGcmSealer;
import io.parley.common.error.ApiException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Checks what a person typed against an enrolment. A TOTP code is taken when given, else a backup code
 * (LibreChat's order). Against the active enrolment a match is used up in the same conditional update
 * that accepts it: a code's time step (and every earlier one) never passes twice, a backup code passes
 * once, and of two identical submissions at the same instant only one wins.
 */
@Component
class CodeCheck {

    private static final Logger log = LoggerFactory.getLogger(CodeCheck.class);

    private final TwoFactorStore store;
    private final SecretCipher cipher;
    private final Clock clock = Clock.systemUTC();

    CodeCheck(TwoFactorStore store, SecretCipher cipher) {
        this.store = store;
        this.cipher = cipher;
    }

    /** Whether {@code token}, or without one {@code backupCode}, is an unused factor of the active enrolment; a match is used up. */
    boolean active(TwoFactorRecord record, String token, String backupCode) {
        TwoFactorRecord.Enrolment enrolment = record.active();
        if (enrolment == null) {
            return false;
        }
        if (present(token)) {
            OptionalLong step = Totp.STANDARD.matchingStep(secret(record, enrolment), token, clock.instant());
            return step.isPresent()
                    && store.acceptStep(record.tenantId(), record.userId(), enrolment.enrolmentId(), step.getAsLong());
        }
        Optional<String> code = BackupCodes.normalize(backupCode);
        if (code.isEmpty() || enrolment.backupCodes() == null) {
            return false;
        }
        List<TwoFactorRecord.BackupCode> codes = enrolment.backupCodes();
        for (int i = 0; i < codes.size(); i++) {
            TwoFactorRecord.BackupCode stored = codes.get(i);
            if (!stored.used() && BackupCodes.matches(code.get(), stored.codeHash())) {
                return store.useBackupCode(record.tenantId(), record.userId(), enrolment.enrolmentId(), i,
                        stored.codeHash(), clock.instant());
            }
        }
        return false;
    }

    /**
     * The time step whose code {@code token} is under the pending enrolment's secret, without using it
     * up: a pending secret signs nothing in, and LibreChat's client sends the same code to
     * {@code /2fa/verify} and then {@code /2fa/confirm}, which uses it up when it activates the enrolment.
     */
    OptionalLong pendingStep(TwoFactorRecord record, String token) {
        TwoFactorRecord.Enrolment enrolment = record.pending();
        if (enrolment == null || !present(token)) {
            return OptionalLong.empty();
        }
        return Totp.STANDARD.matchingStep(secret(record, enrolment), token, clock.instant());
    }

    static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private byte[] secret(TwoFactorRecord record, TwoFactorRecord.Enrolment enrolment) {
        try {
            return cipher.open(enrolment.secret(), record.tenantId(), record.userId(), enrolment.enrolmentId());
        } catch (AesGcmSealer.Unreadable e) {
            log.error("A stored TOTP secret does not decrypt: TWO_FACTOR_KEY (or the key file) differs from the one it"
                    + " was sealed with, or the record was altered tenant_id={} user_id={}", record.tenantId(), record.userId());
            throw new ApiException.Unavailable("Two-factor codes cannot be checked right now; use a backup code or"
                    + " contact the administrator.");
        }
    }
}
