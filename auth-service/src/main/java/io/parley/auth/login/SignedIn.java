package io.parley.auth.login;

/** A user started a login session. Published synchronously; listeners must not fail the login. */
public record SignedIn(String tenantId, String userId) {
}
