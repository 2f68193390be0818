package io.parley.auth.admin;

import io.parley.auth.AuthProperties;
import io.parley.auth.SignInProperties;
import io.parley.auth.account.Accounts;
import io.parley.auth.audit.AuditAction;
import io.parley.auth.audit.AuditEvent;
import io.parley.auth.audit.AuditTrail;
import io.parley.auth.capability.Capability;
import io.parley.auth.email.InvitationMail;
import io.parley.auth.login.SessionRevocation;
import io.parley.auth.password.PasswordHasher;
import io.parley.auth.register.AccountCreation;
import io.parley.auth.register.RegistrationRules;
import io.parley.auth.user.ProfileRules;
import io.parley.auth.user.User;
import io.parley.auth.user.Users;
import io.parley.common.error.ApiException;
import io.parley.common.error.ApiException.FieldProblem;
import io.parley.common.security.CurrentUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Accounts as a tenant's ADMIN makes and ends them (LibreChat's {@code create-user}, {@code invite-user},
 * {@code reset-password}, {@code delete-user}): every call checks the role first, then everything it was
 * given, and only then writes.
 */
@Service
class AdminAccounts {

    static final String ALREADY_REGISTERED = "A user with that email already exists";

    private static final Logger log = LoggerFactory.getLogger(AdminAccounts.class);

    private final AdminUsers admin;
    private final Users users;
    private final AccountCreation creation;
    private final InvitationMail invitations;
    private final PasswordHasher passwords;
    private final SessionRevocation sessions;
    private final Accounts accounts;
    private final AuthProperties properties;
    private final boolean ldap;
    private final AuditTrail audit;

    AdminAccounts(AdminUsers admin, Users users, AccountCreation creation, InvitationMail invitations,
                  PasswordHasher passwords, SessionRevocation sessions, Accounts accounts, AuthProperties properties,
                  SignInProperties signIn, AuditTrail audit) {
        this.audit = audit;
        this.admin = admin;
        this.users = users;
        this.creation = creation;
        this.invitations = invitations;
        this.passwords = passwords;
        this.sessions = sessions;
        this.accounts = accounts;
        this.properties = properties;
        this.ldap = signIn.ldap().configured();
    }

    /** A new local account; {@link AccountCreation} says what is checked. */
    User create(CurrentUser caller, AccountCreation.NewAccount account) {
        admin.require(caller, Capability.MANAGE_USERS);
        if (User.ADMIN.equals(account.role()) && !caller.isAdmin()) {
            throw new ApiException.Forbidden("Only an ADMIN may make an ADMIN");
        }
        User user = creation.create(caller.tenantId(), account);
        log.info("Account created tenant_id={} user_id={} by user_id={}", caller.tenantId(), user.idString(), caller.id());
        audit.record(AdminUsers.done(caller, AuditAction.USER_CREATED, user).with("role", user.role()));
        return user;
    }

    /**
     * @return the registration link when e-mail is not configured; empty when it was mailed
     * @throws ApiException.Conflict the address has an account, or LDAP replaces registration
     */
    Optional<String> invite(CurrentUser caller, String rawEmail) {
        admin.require(caller, Capability.MANAGE_USERS);
        List<FieldProblem> problems = new ArrayList<>();
        String email = RegistrationRules.email(rawEmail, problems);
        ProfileRules.throwIfAny(problems);
        if (ldap) {
            throw new ApiException.Conflict("Invitations open local registration, which LDAP sign-in replaces");
        }
        if (users.byEmail(caller.tenantId(), email.toLowerCase(Locale.ROOT)).isPresent()) {
            throw new ApiException.Conflict(ALREADY_REGISTERED);
        }
        Optional<String> link = invitations.invite(caller.tenantId(), email);
        log.info("Invitation issued tenant_id={} mailed={} by user_id={}", caller.tenantId(), link.isEmpty(), caller.id());
        audit.record(AuditEvent.success(caller.tenantId(), AuditAction.USER_INVITED, AuditTrail.actor(caller),
                new AuditEvent.Target("invitation", null, email)).with("mailed", link.isEmpty()));
        return link;
    }

    /**
     * Sets a new password by the registration rules and ends every session of the person (LibreChat's
     * script moves {@code passwordVersion} on for the same end).
     */
    void resetPassword(CurrentUser caller, String userId, String password) {
        admin.require(caller, Capability.MANAGE_USERS);
        User user = admin.user(caller, userId);
        AdminUsers.requireRankOver(caller, user);
        List<FieldProblem> problems = new ArrayList<>();
        RegistrationRules.password(password, password, properties.passwordMinimum(), problems);
        ProfileRules.throwIfAny(problems);
        users.replacePasswordHash(caller.tenantId(), user.id(), passwords.hash(password));
        sessions.revokeAll(caller.tenantId(), user.idString(), "admin password reset");
        log.info("Password reset by an admin tenant_id={} user_id={} by user_id={}", caller.tenantId(), user.idString(),
                caller.id());
        audit.record(AdminUsers.done(caller, AuditAction.USER_PASSWORD_RESET, user));
    }

    /**
     * Deletes the person's account and every service's data about them.
     *
     * @throws ApiException.Forbidden an admin's own account (LibreChat's rule; they delete it themselves)
     * @throws ApiException.Conflict  the tenant's only ADMIN
     */
    void delete(CurrentUser caller, String userId) {
        admin.require(caller, Capability.MANAGE_USERS);
        User user = admin.user(caller, userId);
        AdminUsers.requireRankOver(caller, user);
        if (user.idString().equals(caller.id())) {
            throw new ApiException.Forbidden("Cannot delete your own account");
        }
        if (User.ADMIN.equals(user.role()) && users.countWithRole(caller.tenantId(), User.ADMIN) <= 1) {
            throw new ApiException.Conflict("Cannot delete the tenant's only ADMIN");
        }
        accounts.delete(caller.tenantId(), user.idString());
        log.info("Account deleted by an admin tenant_id={} user_id={} by user_id={}", caller.tenantId(), user.idString(),
                caller.id());
        audit.record(AdminUsers.done(caller, AuditAction.USER_DELETED, user).with("role", user.role()));
    }
}
