package io.parley.auth.ldap;

import io.parley.auth.login.CredentialDirectory;
import io.parley.auth.user.User;
import io.parley.common.error.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * LDAP sign-in, LibreChat's {@code ldapStrategy}: the directory checks the password, the account
 * follows the directory entry. (A banned account is refused by {@code Login}, as for every method.)
 * Wrong password, unknown login, an ambiguous login and an empty password all get one answer.
 */
@Component
@Conditional(LdapConfigured.class)
class LdapLogin implements CredentialDirectory {

    /** passport-ldapauth's words (LibreChat answers them with 404; Parley with 401, as for local logins). */
    static final String INVALID = "Invalid username/password";

    private static final Logger log = LoggerFactory.getLogger(LdapLogin.class);

    private final LdapDirectory directory;
    private final LdapAccounts accounts;
    private final LdapProperties properties;

    LdapLogin(LdapDirectory directory, LdapAccounts accounts, LdapProperties properties) {
        this.directory = directory;
        this.accounts = accounts;
        this.properties = properties;
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
        return accounts.accountOf(tenantId, profile);
    }

}
