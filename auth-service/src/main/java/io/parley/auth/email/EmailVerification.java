package io.parley.auth.email;

import io.parley.auth.email.AccountToken.Purpose;
import io.parley.auth.register.UserRegistered;
import io.parley.auth.user.User;
import io.parley.auth.user.Users;
import io.parley.common.error.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * LibreChat's e-mail verification. With e-mail configured a new account starts unverified and gets a
 * mail with a single-use link; following it verifies the address. Resending answers the same sentence
 * for every address and mails only an unverified account. Without e-mail accounts start verified and
 * nothing is sent.
 */
@Component
class EmailVerification {

    static final String SENT = "Please check your email to verify your email address.";
    static final String VERIFIED = "Email verification was successful";
    static final String ALREADY_VERIFIED = "Email already verified";
    static final String INVALID = "Invalid or expired email verification token";

    private static final Logger log = LoggerFactory.getLogger(EmailVerification.class);

    private final Users users;
    private final AccountTokenStore tokens;
    private final Outbox outbox;
    private final MailLimits limits;
    private final AccountMails mails;
    private final MailProperties properties;

    EmailVerification(Users users, AccountTokenStore tokens, Outbox outbox, MailLimits limits, AccountMails mails,
                      MailProperties properties) {
        this.users = users;
        this.tokens = tokens;
        this.outbox = outbox;
        this.limits = limits;
        this.mails = mails;
        this.properties = properties;
    }

    @EventListener
    void registered(UserRegistered event) {
        if (!event.user().emailVerified()) {
            mail(event.user());
        }
    }

    /** LibreChat's resend: the same for every address; only an unverified account gets a mail. */
    void resend(String tenantId, String rawEmail) {
        String email = Addresses.required(rawEmail);
        if (!outbox.configured()) {
            return;
        }
        boolean withinLimit = limits.allow(tenantId, Purpose.VERIFY, email);
        Optional<User> user = users.byEmail(tenantId, email).filter(u -> !u.emailVerified());
        if (user.isPresent() && withinLimit) {
            mail(user.get());
        } else if (user.isPresent()) {
            log.info("Verification mail over the per-address limit, not sent tenant_id={} user_id={}", tenantId,
                    user.get().idString());
        }
    }

    /**
     * Verifies the address with the token of its link.
     *
     * @return {@link #VERIFIED}, or {@link #ALREADY_VERIFIED} when the link was followed before
     */
    String verify(String tenantId, String rawEmail, String token) {
        // The client decodes the link's e-mail once and LibreChat decodes it again; so do we.
        String email = Addresses.normalize(percentDecoded(rawEmail)).orElseThrow(EmailVerification::invalid);
        Criteria owner = Criteria.where("email").is(email);
        Optional<AccountToken> used = tokens.use(tenantId, Purpose.VERIFY, token, owner);
        if (used.isPresent()) {
            if (!users.markEmailVerified(tenantId, used.get().userId(), email)) {
                throw invalid();
            }
            log.info("E-mail verified tenant_id={} user_id={}", tenantId, used.get().userId());
            return VERIFIED;
        }
        boolean followedBefore = tokens.used(tenantId, Purpose.VERIFY, token, owner)
                .flatMap(earlier -> users.byId(tenantId, earlier.userId()))
                .filter(user -> user.emailVerified() && user.email().equals(email))
                .isPresent();
        if (followedBefore) {
            return ALREADY_VERIFIED;
        }
        throw invalid();
    }

    private void mail(User user) {
        outbox.send("verify", user.tenantId(), user.idString(), () -> {
            String token = tokens.issue(user.tenantId(), user.idString(), user.email(), Purpose.VERIFY,
                    properties.verifyTokenLifetime());
            return mails.verify(user, mails.verifyLink(user, token));
        });
    }

    private static String percentDecoded(String raw) {
        if (raw == null || raw.indexOf('%') < 0) {
            return raw;
        }
        try {
            return UriUtils.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    private static ApiException invalid() {
        return new ApiException.Invalid("invalid_token", INVALID, List.of());
    }
}
