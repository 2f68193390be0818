package io.parley.auth.register;

import io.parley.auth.user.User;

/**
 * A local account was created (not sent for an e-mail that already had one). Published synchronously
 * before registration answers; listeners must not fail it.
 */
public record UserRegistered(User user) {
}
