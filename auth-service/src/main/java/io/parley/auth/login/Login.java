package io.parley.auth.login;

import io.parley.auth.AuthProperties;
import io.parley.auth.audit.AuditAction;
import io.parley.auth.audit.AuditEvent;
import io.parley.auth.audit.AuditTrail;
import io.parley.auth.ban.SignInBans;
import io.parley.auth.password.PasswordHasher;
import io.parley.auth.user.User;
import io.parley.auth.user.Users;
import io.parley.common.error.ApiException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Checks e-mail and password. Unknown e-mail and wrong password look alike, in words and in time.
 * With a {@link CredentialDirectory} (LDAP) configured, the directory checks them instead.
 */
@Component
class Login {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private final Users users;
    private final PasswordHasher passwords;
    private final AuthProperties properties;
    private final Optional<CredentialDirectory> directory;
    private final SignInBans bans;
    private final AuditTrail audit;

    Login(Users users, PasswordHasher passwords, AuthProperties properties, Optional<CredentialDirectory> directory,
          SignInBans bans, AuditTrail audit) {
        this.users = users;
        this.passwords = passwords;
        this.properties = properties;
        this.directory = directory;
        this.bans = bans;
        this.audit = audit;
    }

    User authenticate(String tenantId, String email, String password) {
        if (!properties.allowEmailLogin()) {
            throw new ApiException.Forbidden("Email login is not allowed.");
        }
        try {
            return check(tenantId, email, password);
        } catch (ApiException.Unauthorized | ApiException.Forbidden refused) {
            // a wrong password, an unknown address or a ban: the audit log keeps what was tried, never the password
            audit.record(new AuditEvent(tenantId, AuditAction.SIGN_IN_FAILED,
                    refused instanceof ApiException.Forbidden ? AuditEvent.Outcome.DENIED : AuditEvent.Outcome.FAILURE,
                    AuditEvent.Actor.unknown(email.trim()), new AuditEvent.Target("user", null, email.trim()),
                    Map.of("reason", refused.getMessage())));
            throw refused;
        }
    }

    private User check(String tenantId, String email, String password) {
        if (directory.isPresent()) {
            User user = directory.get().authenticate(tenantId, email, password);
            bans.refuseBanned(tenantId, user.idString());
            return user;
        }
        if (!EMAIL.matcher(email.trim()).matches()) {
            // checked here, not on LoginRequest: a directory's login may be a user name
            throw ApiException.Invalid.field("email", "must be a well-formed email address");
        }
        User user = users.byEmail(tenantId, email.trim().toLowerCase(Locale.ROOT)).orElse(null);
        String hash = user == null ? null : user.password();
        if (!passwords.matches(password, hash)) {
            throw new ApiException.Unauthorized("invalid_credentials", "Incorrect email or password.");
        }
        if (!user.emailVerified() && !properties.allowUnverifiedEmailLogin()) {
            throw new EmailNotVerified();
        }
        bans.refuseBanned(tenantId, user.idString());
        if (passwords.needsUpgrade(hash)) {
            users.replacePasswordHash(tenantId, user.id(), passwords.hash(password));
        }
        return user;
    }
}
