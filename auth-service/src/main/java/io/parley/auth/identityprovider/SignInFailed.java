package io.parley.auth.identityprovider;

/**
 * A social or OpenID sign-in that cannot go on. The browser is sent to LibreChat's failure page and
 * the reason only goes to the log, so it must never hold a token, code or secret.
 */
public class SignInFailed extends RuntimeException {

    public SignInFailed(String reason) {
        super(reason, null, false, false);
    }
}
