package io.parley.auth.login;

import io.parley.auth.user.User;

/**
 * A directory that checks the login form's name and password in place of the local password hashes
 * (LDAP). LibreChat sends {@code POST /api/auth/login} to its LDAP strategy alone when LDAP is
 * configured, so {@link Login} asks the directory and never falls back to a local password.
 */
public interface CredentialDirectory {

    /**
     * @param login what the person typed into the form's {@code email} field: an e-mail address or a
     *              user name, as the directory's search filter expects
     * @return the person's account, created on the first sign-in
     * @throws io.parley.common.error.ApiException when refused or when the directory cannot answer
     */
    User authenticate(String tenantId, String login, String password);
}
