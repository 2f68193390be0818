package io.parley.auth.email;

import io.parley.auth.email.AccountToken.Purpose;
import io.parley.common.redis.WindowCounter;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Mails of one kind per address and window ({@code RESET_PASSWORD_MAX}/{@code _WINDOW},
 * {@code VERIFY_EMAIL_MAX}/{@code _WINDOW}). The gateway limits these routes per client address; this
 * limits them per recipient, so that nobody fills another person's inbox from many addresses. Every
 * request counts, whether or not the address has an account, and a request over the limit gets the
 * usual answer without a mail: the limit tells nothing either. Counters are shared through Redis when
 * it is configured.
 */
@Component
class MailLimits {

    private static final Logger log = LoggerFactory.getLogger(MailLimits.class);

    private final WindowCounter counters;
    private final MailProperties properties;

    MailLimits(WindowCounter counters, MailProperties properties) {
        this.counters = counters;
        this.properties = properties;
    }

    /** Counts one mail of {@code purpose} to {@code email}; false when it is one too many. */
    boolean allow(String tenantId, Purpose purpose, String email) {
        MailProperties.Limit limit = purpose == Purpose.RESET ? properties.resetPassword() : properties.verifyEmail();
        // The address itself stays out of Redis.
        String key = "mail:" + tenantId + ":" + purpose.name().toLowerCase() + ":" + AccountTokenStore.hash(email);
        try {
            return counters.add(key, 1, limit.window()).toCompletableFuture().get(2, TimeUnit.SECONDS).value() <= limit.max();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } catch (Exception e) {
            // As at the gateway: limits protect, an unreachable Redis must not stop account mail.
            log.warn("Mail limit store unavailable, mail allowed: {}", e.toString());
            return true;
        }
    }
}
