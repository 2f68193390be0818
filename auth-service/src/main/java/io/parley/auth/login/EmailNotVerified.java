package io.parley.auth.login;

/**
 * The password was right but the address is not verified, and {@code ALLOW_UNVERIFIED_EMAIL_LOGIN}
 * is off. LibreChat answers 422 (its client then offers to resend the verification mail), a status
 * {@code ApiException} has no kind for; {@link EmailNotVerifiedHandler} writes it.
 */
class EmailNotVerified extends RuntimeException {

    static final String MESSAGE = "Email not verified.";

    EmailNotVerified() {
        super(MESSAGE, null, false, false);
    }
}
