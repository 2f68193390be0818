package io.parley.auth.email;

import io.parley.auth.AuthProperties;
import io.parley.auth.SignInProperties;
import io.parley.auth.email.AccountToken.Purpose;
import io.parley.auth.login.SessionRevocation;
import io.parley.auth.password.PasswordHasher;
import io.parley.auth.register.RegistrationRules;
import io.parley.auth.user.ProfileRules;
import io.parley.auth.user.User;
import io.parley.auth.user.Users;
import io.parley.common.error.ApiException.FieldProblem;
import io.parley.common.error.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

/**
 * LibreChat's password reset ({@code ALLOW_PASSWORD_RESET}). A request names an address and always
 * gets the same sentence; the account behind it, if any, gets a mail with a single-use link. Without
 * e-mail configured LibreChat answers the link itself instead, and so does this. Setting the new
 * password takes the link's token and user id, follows the registration rules, and ends every session
 * of the account.
 */
@Component
class PasswordReset {

    static final String SENT = "If an account with that email exists, a password reset link has been sent to it.";
    static final String DONE = "Password reset was successful";
    static final String INVALID = "Invalid or expired password reset token";
    static final String NOT_ALLOWED = "Password reset is not allowed.";

    private static final Logger log = LoggerFactory.getLogger(PasswordReset.class);

    private final Users users;
    private final PasswordHasher passwords;
    private final AccountTokenStore tokens;
    private final SessionRevocation sessions;
    private final Outbox outbox;
    private final MailLimits limits;
    private final AccountMails mails;
    private final MailProperties properties;
    private final boolean allowed;
    private final int minPasswordLength;

    @Autowired
    PasswordReset(Users users, PasswordHasher passwords, AccountTokenStore tokens, SessionRevocation sessions,
                  Outbox outbox, MailLimits limits, AccountMails mails, MailProperties properties,
                  SignInProperties signIn, AuthProperties auth) {
        this(users, passwords, tokens, sessions, outbox, limits, mails, properties, signIn.allowPasswordReset(),
                auth.passwordMinimum());
    }

    PasswordReset(Users users, PasswordHasher passwords, AccountTokenStore tokens, SessionRevocation sessions,
                  Outbox outbox, MailLimits limits, AccountMails mails, MailProperties properties, boolean allowed,
                  int minPasswordLength) {
        this.users = users;
        this.passwords = passwords;
        this.tokens = tokens;
        this.sessions = sessions;
        this.outbox = outbox;
        this.limits = limits;
        this.mails = mails;
        this.properties = properties;
        this.allowed = allowed;
        this.minPasswordLength = minPasswordLength;
    }

    /**
     * @return the reset link when e-mail is not configured and the address has an account (LibreChat's
     *         {@code {link}} answer); empty when the answer is the sentence {@link #SENT}
     */
    Optional<String> request(String tenantId, String rawEmail) {
        requireAllowed();
        String email = Addresses.required(rawEmail);
        Optional<User> user = users.byEmail(tenantId, email);
        if (!outbox.configured()) {
            return user.map(u -> mails.resetLink(u, issue(u)));
        }
        // Counted for every address, known or not, so the limit tells nothing either.
        boolean withinLimit = limits.allow(tenantId, Purpose.RESET, email);
        if (user.isPresent() && withinLimit) {
            User u = user.get();
            outbox.send("reset", tenantId, u.idString(), () -> mails.resetRequested(u, mails.resetLink(u, issue(u))));
        } else if (user.isPresent()) {
            log.info("Reset mail over the per-address limit, not sent tenant_id={} user_id={}", tenantId, user.get().idString());
        }
        return Optional.empty();
    }

    /** Sets the new password if the token is the user's, unused and unexpired; then ends all their sessions. */
    void reset(String tenantId, String userId, String token, String password, String confirmation) {
        requireAllowed();
        if (userId == null || !ObjectId.isValid(userId) || token == null || token.isBlank()) {
            throw invalid();
        }
        List<FieldProblem> problems = new ArrayList<>();
        // LibreChat's client sends confirm_password; other clients may leave it out.
        RegistrationRules.password(password, confirmation == null ? password : confirmation, minPasswordLength, problems);
        ProfileRules.throwIfAny(problems);
        tokens.use(tenantId, Purpose.RESET, token, Criteria.where("userId").is(userId)).orElseThrow(PasswordReset::invalid);
        User user = users.byId(tenantId, userId).orElseThrow(PasswordReset::invalid);
        users.replacePasswordHash(tenantId, user.id(), passwords.hash(password));
        sessions.revokeAll(tenantId, userId, "password reset");
        log.info("Password reset tenant_id={} user_id={}", tenantId, userId);
        outbox.send("reset-done", tenantId, userId, () -> mails.resetDone(user));
    }

    private String issue(User user) {
        return tokens.issue(user.tenantId(), user.idString(), user.email(), Purpose.RESET, properties.resetTokenLifetime());
    }

    private void requireAllowed() {
        if (!allowed) {
            throw new ApiException.Forbidden(NOT_ALLOWED);
        }
    }

    private static ApiException invalid() {
        return new ApiException.Invalid("invalid_token", INVALID, List.of());
    }
}
