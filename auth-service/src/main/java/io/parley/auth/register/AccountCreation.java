package io.parley.auth.register;

import io.parley.auth.AuthProperties;
import io.parley.auth.password.PasswordHasher;
import io.parley.auth.user.ProfileRules;
import io.parley.auth.user.TenantFounders;
import io.parley.auth.user.User;
import io.parley.auth.user.Users;
import io.parley.common.error.ApiException;
import io.parley.common.error.ApiException.FieldProblem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * An account an admin makes (LibreChat's {@code create-user}, which calls its {@code registerUser}):
 * registration's rules and first-account rule, whatever {@code ALLOW_REGISTRATION} says, but the answer
 * tells when the address or username is taken (an admin may know) and the password may be left out (the
 * person then sets one through a password reset, or signs in another way).
 */
@Component
public class AccountCreation {

    static final Set<String> ROLES = Set.of(User.USER, User.ADMIN);
    public static final String TAKEN = "A user with that email or username already exists";

    private static final Logger log = LoggerFactory.getLogger(AccountCreation.class);

    private final Users users;
    private final PasswordHasher passwords;
    private final TenantFounders founders;
    private final AuthProperties properties;
    private final ApplicationEventPublisher events;

    AccountCreation(Users users, PasswordHasher passwords, TenantFounders founders, AuthProperties properties,
                    ApplicationEventPublisher events) {
        this.users = users;
        this.passwords = passwords;
        this.founders = founders;
        this.properties = properties;
        this.events = events;
    }

    /**
     * @param password      null for none
     * @param emailVerified false sends the verification mail where e-mail is configured, as registration does
     * @param role          USER or ADMIN; null for USER. The tenant's first account is ADMIN whatever is asked.
     */
    public record NewAccount(String email, String name, String username, String password, boolean emailVerified,
                             String role) {
    }

    /**
     * Everything is checked before anything is written.
     *
     * @throws ApiException.Invalid  a rule broken (every failing field named)
     * @throws ApiException.Conflict the address or the username is taken in the tenant
     */
    public User create(String tenantId, NewAccount account) {
        List<FieldProblem> problems = new ArrayList<>();
        String name = ProfileRules.name(account.name(), problems);
        String username = ProfileRules.username(account.username(), problems);
        String email = RegistrationRules.email(account.email(), problems);
        if (account.password() != null) {
            RegistrationRules.password(account.password(), account.password(), properties.passwordMinimum(), problems);
        }
        String askedRole = account.role() == null ? User.USER : account.role().toUpperCase(Locale.ROOT);
        if (!ROLES.contains(askedRole)) {
            problems.add(new FieldProblem("role", "must be USER or ADMIN"));
        }
        ProfileRules.throwIfAny(problems);
        String lowerEmail = email.toLowerCase(Locale.ROOT);
        String lowerUsername = username == null ? "" : username.toLowerCase(Locale.ROOT);
        if (users.byEmail(tenantId, lowerEmail).isPresent()
                || !lowerUsername.isEmpty() && users.usernameTaken(tenantId, lowerUsername)) {
            throw new ApiException.Conflict(TAKEN);
        }
        ObjectId id = new ObjectId();
        Instant now = Instant.now();
        String role = founders.claim(tenantId, id) ? User.ADMIN : askedRole;
        String hash = account.password() == null ? null : passwords.hash(account.password());
        User user = new User(id, tenantId, name, lowerUsername, lowerEmail, account.emailVerified(), hash, null,
                "local", role, List.of(), false, false, List.of(), now, now);
        if (!users.insert(user)) {
            // the same address, registered between the check and the insert
            throw new ApiException.Conflict(TAKEN);
        }
        log.info("User created by an admin tenant_id={} user_id={} role={}", tenantId, id.toHexString(), role);
        events.publishEvent(new UserRegistered(user));
        return user;
    }
}
