package io.parley.auth.ldap;

import io.parley.auth.login.CredentialDirectory;
import io.parley.auth.user.User;
import io.parley.common.error.ApiException;
import io.parley.common.redis.Violations;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * LDAP sign-in, LibreChat's {@code ldapStrategy}: the directory checks the password, the account
 * follows the directory entry, and a banned account gets LibreChat's ban answer instead of a session.
 * Wrong password, unknown login, an ambiguous login and an empty password all get one answer.
 */
@Component
@Conditional(LdapConfigured.class)
class LdapLogin implements CredentialDirectory {

    /** passport-ldapauth's words (LibreChat answers them with 404; Parley with 401, as for local logins). */
    static final String INVALID = "Invalid username/password";
    static final String BANNED = "Your account has been temporarily banned due to violations of our service.";

    private static final Logger log = LoggerFactory.getLogger(LdapLogin.class);

    private final LdapDirectory directory;
    private final LdapAccounts accounts;
    private final LdapProperties properties;
    private final Violations violations;

    LdapLogin(LdapDirectory directory, LdapAccounts accounts, LdapProperties properties, Violations violations) {
        this.directory = directory;
        this.accounts = accounts;
        this.properties = properties;
        this.violations = violations;
    }

    @Override
    public User authenticate(String tenantId, String login, String password) {
        // strip(), not trim(): trim() would also drop control characters such as NUL
        DirectoryProfile profile = directory.authenticate(login.strip(), password)
                .map(entry -> DirectoryProfile.of(entry, properties))
                .orElseThrow(() -> {
                    log.info("LDAP sign-in refused tenant_id={}", tenantId);
                    return new ApiException.Unauthorized("invalid_credentials", INVALID);
                });
        User user = accounts.accountOf(tenantId, profile);
        if (banned(user)) {
            log.info("LDAP sign-in of a banned account refused tenant_id={} user_id={}", tenantId, user.idString());
            throw new ApiException.Forbidden("banned", BANNED);
        }
        return user;
    }

    private boolean banned(User user) {
        try {
            Optional<?> ban = violations.banned(user.tenantId(), null, user.idString()).toCompletableFuture().join();
            return ban.isPresent();
        } catch (RuntimeException e) {
            // As at the gateway: an unreachable ban store must not take sign-in down with it.
            log.warn("Ban store unavailable, LDAP sign-in let through: {}", e.toString());
            return false;
        }
    }
}
