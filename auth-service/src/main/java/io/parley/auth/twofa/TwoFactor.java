package io.parley.auth.twofa;

import io.parley.auth.audit.AuditAction;
import io.parley.auth.audit.AuditEvent;
import io.parley.auth.audit.AuditTrail;
import io.parley.auth.user.User;
import io.parley.auth.user.Users;
import io.parley.common.error.ApiException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A user's two-factor authentication (LibreChat's {@code TwoFactorController}, v0.8.4+): enrol a pending
 * secret with ten backup codes, confirm it with a first code, verify, regenerate codes, disable. Every
 * code check counts against the user's attempt budget ({@link TwoFactorAttempts}); error bodies and
 * statuses are LibreChat's.
 */
@Component
public class TwoFactor {

    private static final Logger log = LoggerFactory.getLogger(TwoFactor.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** 160 bits, RFC 4226's recommended length for an HMAC-SHA1 key (LibreChat uses 80). */
    private static final int SECRET_BYTES = 20;
    static final String NOT_INITIATED = "2FA not initiated";
    static final String INVALID_TOKEN = "Invalid token.";
    static final String INVALID_FACTOR = "Invalid token or backup code";

    private final TwoFactorStore store;
    private final CodeCheck check;
    private final TwoFactorAttempts attempts;
    private final SecretCipher cipher;
    private final Users users;
    private final TwoFactorProperties properties;
    private final AuditTrail audit;
    private final Clock clock = Clock.systemUTC();

    TwoFactor(TwoFactorStore store, CodeCheck check, TwoFactorAttempts attempts, SecretCipher cipher, Users users,
              TwoFactorProperties properties, AuditTrail audit) {
        this.audit = audit;
        this.store = store;
        this.check = check;
        this.attempts = attempts;
        this.cipher = cipher;
        this.users = users;
        this.properties = properties;
    }

    /**
     * LibreChat's enable answer, plus {@code qrCode} (a PNG data URL of {@code otpauthUrl}).
     *
     * @param backupCodes shown this once; only salted hashes are kept
     */
    record Enrolled(String otpauthUrl, List<String> backupCodes, String qrCode) {

        /** Never shows the secret or the codes. */
        @Override
        public String toString() {
            return "Enrolled[hidden]";
        }
    }

    /** LibreChat's regenerate answer: the new codes, shown once, and their stored entries. */
    record Regenerated(List<String> backupCodes, List<TwoFactorRecord.BackupCode> backupCodesHash) {

        /** Never shows the codes. */
        @Override
        public String toString() {
            return "Regenerated[hidden]";
        }
    }

    /** Whether the user signs in with a second factor. */
    public boolean enabled(String tenantId, String userId) {
        return store.find(tenantId, userId).map(TwoFactorRecord::enabled).orElse(false);
    }

    /**
     * For what LibreChat guards with the second factor of a user who has one: deleting the account
     * ({@code DELETE /api/user/delete {token?, backupCode?}}). Does nothing for a user without 2FA;
     * otherwise the code must be valid, and is used up, within the user's attempt budget.
     *
     * @throws ApiException.Invalid         (400) when 2FA is on and neither code is given
     * @throws ApiException.Unauthorized    (401 {@code Invalid token or backup code}) when the code is wrong or used
     * @throws ApiException.LimitExceeded   (429) when the user has no attempts left
     */
    public void verifyIfEnabled(String tenantId, String userId, String token, String backupCode) {
        Optional<TwoFactorRecord> record = store.find(tenantId, userId).filter(TwoFactorRecord::enabled);
        if (record.isPresent()) {
            requireFactor(record.get(), null, new CodeRequest(token, backupCode),
                    "TOTP token or backup code is required to delete account");
        }
    }

    /** Forgets the user's secrets and backup codes, for when the account itself goes. Idempotent. */
    public void forget(String tenantId, String userId) {
        store.delete(tenantId, userId);
    }

    /**
     * Starts an enrolment: a new pending secret and backup codes, active only after {@link #confirm}.
     * Re-enrolling while 2FA is on takes a valid code of the current enrolment.
     */
    Enrolled enable(String tenantId, String userId, String clientIp, CodeRequest body) {
        User user = users.byId(tenantId, userId).orElseThrow(() -> new ApiException.Unauthorized("Unauthorized"));
        Optional<TwoFactorRecord> existing = store.find(tenantId, userId).filter(TwoFactorRecord::enabled);
        if (existing.isPresent()) {
            requireFactor(existing.get(), clientIp, body, "TOTP token or backup code is required to re-enroll 2FA");
        }
        byte[] secret = random(SECRET_BYTES);
        String enrolmentId = HexFormat.of().formatHex(random(16));
        BackupCodes.Generated codes = BackupCodes.generate();
        Instant now = clock.instant();
        store.startEnrolment(tenantId, userId, new TwoFactorRecord.Enrolment(enrolmentId,
                cipher.seal(secret, tenantId, userId, enrolmentId), null, codes.stored(), now), now);
        log.info("Two-factor enrolment started tenant_id={} user_id={}", tenantId, userId);
        String url = OtpAuthUrl.of(properties.appTitle(), user.email(), Base32.encode(secret));
        return new Enrolled(url, codes.plain(), QrCode.pngDataUrl(url));
    }

    /**
     * LibreChat's verify: a TOTP code against the pending secret while one waits (not used up, see
     * {@link CodeCheck#pendingStep}), else against the active one; a backup code against the active codes.
     */
    void verify(String tenantId, String userId, String clientIp, CodeRequest body) {
        TwoFactorRecord record = store.find(tenantId, userId).filter(r -> r.enabled() || r.pending() != null)
                .orElseThrow(() -> new ApiException.Invalid(NOT_INITIATED));
        boolean verified = attempts.attempt(tenantId, userId, clientIp, () ->
                record.pending() != null && CodeCheck.present(body.token())
                        ? check.pendingStep(record, body.token()).isPresent()
                        : check.active(record, body.token(), body.backupCode()));
        if (!verified) {
            throw new ApiException.Invalid(INVALID_TOKEN);
        }
    }

    /** Makes the pending enrolment active with its first TOTP code, which is then used up; 2FA is on. */
    void confirm(String tenantId, String userId, String clientIp, CodeRequest body) {
        TwoFactorRecord record = store.find(tenantId, userId).filter(r -> r.pending() != null)
                .orElseThrow(() -> new ApiException.Invalid(NOT_INITIATED));
        boolean confirmed = attempts.attempt(tenantId, userId, clientIp, () -> {
            OptionalLong step = check.pendingStep(record, body.token());
            return step.isPresent() && store.activate(tenantId, userId, record.pending(), step.getAsLong(), clock.instant());
        });
        if (!confirmed) {
            throw new ApiException.Invalid(INVALID_TOKEN);
        }
        users.setTwoFactorEnabled(tenantId, userId, true);
        log.info("Two-factor authentication enabled tenant_id={} user_id={}", tenantId, userId);
        recordOwn(tenantId, userId, AuditAction.TWO_FACTOR_ENABLED);
    }

    /** Turns 2FA off and forgets secrets and codes (a pending enrolment too); with 2FA on it takes a valid code. */
    void disable(String tenantId, String userId, String clientIp, CodeRequest body) {
        Optional<TwoFactorRecord> record = store.find(tenantId, userId).filter(TwoFactorRecord::enabled);
        if (record.isPresent()) {
            requireFactor(record.get(), clientIp, body, "Either token or backup code is required to disable 2FA");
        }
        store.delete(tenantId, userId);
        users.setTwoFactorEnabled(tenantId, userId, false);
        log.info("Two-factor authentication disabled tenant_id={} user_id={}", tenantId, userId);
        recordOwn(tenantId, userId, AuditAction.TWO_FACTOR_DISABLED);
    }

    /** A person's change to their own sign-in, for the audit log. */
    private void recordOwn(String tenantId, String userId, AuditAction action) {
        String name = users.byId(tenantId, userId).map(io.parley.auth.user.User::handle).orElse(userId);
        audit.record(AuditEvent.success(tenantId, action, AuditEvent.Actor.user(userId, name),
                AuditEvent.Target.user(userId, name)));
    }

    /**
     * New backup codes for the active enrolment (which takes a valid code), or for the pending one during
     * an enrolment; the old codes stop working.
     */
    Regenerated regenerate(String tenantId, String userId, String clientIp, CodeRequest body) {
        TwoFactorRecord record = store.find(tenantId, userId).filter(r -> r.enabled() || r.pending() != null)
                .orElseThrow(() -> new ApiException.Invalid(NOT_INITIATED));
        String which = record.enabled() ? TwoFactorStore.ACTIVE : TwoFactorStore.PENDING;
        TwoFactorRecord.Enrolment target = record.enabled() ? record.active() : record.pending();
        if (record.enabled()) {
            requireFactor(record, clientIp, body, "TOTP token or backup code is required to regenerate backup codes");
        }
        BackupCodes.Generated codes = BackupCodes.generate();
        if (!store.replaceBackupCodes(tenantId, userId, which, target.enrolmentId(), codes.stored(), clock.instant())) {
            throw new ApiException.Conflict("Two-factor authentication changed meanwhile; try again.");
        }
        log.info("Backup codes regenerated tenant_id={} user_id={}", tenantId, userId);
        return new Regenerated(codes.plain(), codes.stored());
    }

    /** LibreChat's {@code verifyOTPOrBackupCode}: none given is 400 {@code missing}, a wrong or used one 401. */
    private void requireFactor(TwoFactorRecord record, String clientIp, CodeRequest body, String missing) {
        if (!CodeCheck.present(body.token()) && !CodeCheck.present(body.backupCode())) {
            throw new ApiException.Invalid(missing);
        }
        if (!attempts.attempt(record.tenantId(), record.userId(), clientIp,
                () -> check.active(record, body.token(), body.backupCode()))) {
            throw new ApiException.Unauthorized("invalid_2fa_code", INVALID_FACTOR);
        }
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
