package io.parley.auth.register;

import io.parley.auth.AuthProperties;
import io.parley.auth.password.PasswordHasher;
import io.parley.auth.user.User;
import io.parley.auth.user.UserStore;
import io.parley.common.error.ApiException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Creates local accounts. The first user of a tenant becomes its ADMIN. An e-mail already taken
 * gets the same answer, after the same work, as a new one: registration does not tell who has an
 * account.
 */
@Component
class Registration {

    private static final Logger log = LoggerFactory.getLogger(Registration.class);

    private final UserStore users;
    private final PasswordHasher passwords;
    private final FirstAccount firstAccount;
    private final AuthProperties properties;
    private final RegistrationRules rules;

    Registration(UserStore users, PasswordHasher passwords, FirstAccount firstAccount, AuthProperties properties) {
        this.users = users;
        this.passwords = passwords;
        this.firstAccount = firstAccount;
        this.properties = properties;
        this.rules = new RegistrationRules(properties.passwordMinimum());
    }

    void register(String tenantId, RegisterRequest request) {
        if (!properties.allowRegistration()) {
            throw new ApiException.Forbidden("Registration is not allowed.");
        }
        RegisterRequest valid = rules.check(request);
        String hash = passwords.hash(valid.password());
        ObjectId id = new ObjectId();
        Instant now = Instant.now();
        String role = firstAccount.roleFor(tenantId, id);
        User user = new User(id, tenantId, valid.name(), valid.username() == null ? "" : valid.username().toLowerCase(Locale.ROOT),
                valid.email().toLowerCase(Locale.ROOT), true, hash, null, "local", role, List.of(), false, false, now, now);
        if (users.insert(user)) {
            log.info("User registered tenant_id={} user_id={} role={}", tenantId, id.toHexString(), role);
        } else {
            log.info("Registration for an existing e-mail ignored tenant_id={}", tenantId);
        }
    }
}
