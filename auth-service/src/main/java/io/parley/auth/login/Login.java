package io.parley.auth.login;

import io.parley.auth.AuthProperties;
import io.parley.auth.password.PasswordHasher;
import io.parley.auth.user.User;
import io.parley.auth.user.UserStore;
import io.parley.common.error.ApiException;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** Checks e-mail and password. Unknown e-mail and wrong password look alike, in words and in time. */
@Component
class Login {

    private final UserStore users;
    private final PasswordHasher passwords;
    private final AuthProperties properties;

    Login(UserStore users, PasswordHasher passwords, AuthProperties properties) {
        this.users = users;
        this.passwords = passwords;
        this.properties = properties;
    }

    User authenticate(String tenantId, String email, String password) {
        if (!properties.allowEmailLogin()) {
            throw new ApiException.Forbidden("Email login is not allowed.");
        }
        User user = users.byEmail(tenantId, email.trim().toLowerCase(Locale.ROOT)).orElse(null);
        String hash = user == null ? null : user.password();
        if (!passwords.matches(password, hash)) {
            throw new ApiException.Unauthorized("invalid_credentials", "Incorrect email or password.");
        }
        if (!user.emailVerified() && !properties.allowUnverifiedEmailLogin()) {
            throw new EmailNotVerified();
        }
        if (passwords.needsUpgrade(hash)) {
            users.replacePasswordHash(tenantId, user.id(), passwords.hash(password));
        }
        return user;
    }
}
