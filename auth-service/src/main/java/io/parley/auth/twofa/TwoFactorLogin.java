package io.parley.auth.twofa;

import io.parley.auth.ban.SignInBans;
import io.parley.auth.user.User;
import io.parley.auth.user.Users;
import io.parley.common.error.ApiException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The second step of a password login for a user with 2FA (LibreChat's {@code TwoFactorAuthController}):
 * the login answers {@code {twoFAPending:true, tempToken}} and starts no session; {@code /2fa/verify-temp}
 * with the temp token and a code names the user whose session the login controller then starts.
 */
@Component
public class TwoFactorLogin {

    private static final Logger log = LoggerFactory.getLogger(TwoFactorLogin.class);

    private final TwoFactorStore store;
    private final CodeCheck check;
    private final TwoFactorAttempts attempts;
    private final TempTokens tempTokens;
    private final Users users;
    private final SignInBans bans;

    TwoFactorLogin(TwoFactorStore store, CodeCheck check, TwoFactorAttempts attempts, TempTokens tempTokens,
                   Users users, SignInBans bans) {
        this.store = store;
        this.check = check;
        this.attempts = attempts;
        this.tempTokens = tempTokens;
        this.users = users;
        this.bans = bans;
    }

    /** LibreChat's login answer for a user with 2FA. */
    public record Challenge(boolean twoFAPending, String tempToken) {
    }

    /** The body of {@code POST /api/auth/2fa/verify-temp}: the temp token and a TOTP or backup code. */
    public record TempVerification(String tempToken, String token, String backupCode) {

        /** Never shows the token or codes. */
        @Override
        public String toString() {
            return "TempVerification[hidden]";
        }
    }

    /**
     * What a password login of {@code user} answers instead of a session when the user has 2FA; empty
     * when the user has none. The user's {@code twoFactorEnabled} flag is brought in line with the 2FA
     * record (which decides) if the two ever disagree.
     */
    public Optional<Challenge> challenge(User user) {
        boolean enabled = store.find(user.tenantId(), user.idString()).map(TwoFactorRecord::enabled).orElse(false);
        if (enabled != user.twoFactorEnabled()) {
            users.setTwoFactorEnabled(user.tenantId(), user.idString(), enabled);
        }
        return enabled ? Optional.of(new Challenge(true, tempTokens.issue(user.tenantId(), user.idString())))
                : Optional.empty();
    }

    /**
     * Checks a temp token and its code.
     *
     * @param tenantId the request's tenant; a temp token of another tenant is refused
     * @param clientIp the caller's address for the ban score; null when not known
     * @return the user to start a session for
     */
    public User complete(String tenantId, String clientIp, TempVerification body) {
        if (body == null || !CodeCheck.present(body.tempToken())) {
            throw new ApiException.Invalid("Missing temporary token");
        }
        TempTokens.Pending pending = tempTokens.verify(body.tempToken());
        if (!tenantId.equals(pending.tenantId())) {
            throw new ApiException.Unauthorized("invalid_temp_token", TempTokens.INVALID);
        }
        String userId = pending.userId();
        bans.refuseBanned(tenantId, userId);
        TwoFactorRecord record = store.find(tenantId, userId).filter(TwoFactorRecord::enabled).orElse(null);
        User user = users.byId(tenantId, userId).orElse(null);
        if (record == null || user == null) {
            throw new ApiException.Invalid("2FA is not enabled for this user");
        }
        if (!attempts.attempt(tenantId, userId, clientIp, () -> check.active(record, body.token(), body.backupCode()))) {
            throw new ApiException.Unauthorized("invalid_2fa_code", "Invalid 2FA code or backup code");
        }
        log.info("Second factor accepted tenant_id={} user_id={}", tenantId, userId);
        return user;
    }

}
