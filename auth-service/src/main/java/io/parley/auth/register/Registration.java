package io.parley.auth.register;

import io.parley.auth.AuthProperties;
import io.parley.auth.SignInProperties;
import io.parley.auth.password.PasswordHasher;
import io.parley.auth.user.TenantFounders;
import io.parley.auth.user.User;
import io.parley.auth.user.Users;
import io.parley.common.error.ApiException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Creates local accounts. The first user of a tenant becomes its ADMIN. An e-mail already taken
 * gets the same answer, after the same work, as a new one: registration does not tell who has an
 * account. An invitation's token opens registration for its address while {@code ALLOW_REGISTRATION} is
 * off, as in LibreChat. With LDAP configured there is no registration (LibreChat's {@code registrationEnabled}
 * says so too): a local account could otherwise take a directory user's e-mail first.
 */
@Component
class Registration {

    private static final Logger log = LoggerFactory.getLogger(Registration.class);

    private final Users users;
    private final PasswordHasher passwords;
    private final TenantFounders founders;
    private final AuthProperties properties;
    private final boolean ldap;
    private final RegistrationRules rules;
    private final SignInProperties signIn;
    private final ApplicationEventPublisher events;
    private final Invitations invitations;

    Registration(Users users, PasswordHasher passwords, TenantFounders founders, AuthProperties properties,
                 SignInProperties signIn, ApplicationEventPublisher events, Invitations invitations) {
        this.invitations = invitations;
        this.users = users;
        this.passwords = passwords;
        this.founders = founders;
        this.properties = properties;
        this.ldap = signIn.ldap().configured();
        this.rules = new RegistrationRules(properties.passwordMinimum());
        this.signIn = signIn;
        this.events = events;
    }

    /**
     * @throws ApiException.Forbidden registration off (an invitation opens it, but not under LDAP)
     * @throws ApiException.Invalid   a rule broken, or an invitation that is not this address's, used or expired
     */
    void register(String tenantId, RegisterRequest request) {
        if (ldap || !properties.allowRegistration() && !request.invited()) {
            throw new ApiException.Forbidden("Registration is not allowed.");
        }
        RegisterRequest valid = rules.check(request);
        // After the rules, so that a mistyped form does not use the invitation up (LibreChat's would).
        if (request.invited() && !invitations.accept(tenantId, request.token(), valid.email())) {
            throw new ApiException.Invalid("invalid_invite", "Invalid invite token", List.of());
        }
        String hash = passwords.hash(valid.password());
        ObjectId id = new ObjectId();
        Instant now = Instant.now();
        String role = founders.claim(tenantId, id) ? User.ADMIN : User.USER;
        // As LibreChat: with e-mail configured the address waits for its verification mail.
        boolean verified = !signIn.email().configured();
        User user = new User(id, tenantId, valid.name(), valid.username() == null ? "" : valid.username().toLowerCase(Locale.ROOT),
                valid.email().toLowerCase(Locale.ROOT), verified, hash, null, "local", role, List.of(), false, false, List.of(), now, now);
        if (users.insert(user)) {
            log.info("User registered tenant_id={} user_id={} role={}", tenantId, id.toHexString(), role);
            events.publishEvent(new UserRegistered(user));
        } else {
            log.info("Registration for an existing e-mail ignored tenant_id={}", tenantId);
        }
    }
}
