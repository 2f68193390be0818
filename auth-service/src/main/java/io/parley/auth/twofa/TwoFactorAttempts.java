package io.parley.auth.twofa;

import io.parley.common.error.ApiException;
import io.parley.common.redis.Violations;
import io.parley.common.redis.WindowCounter;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The per-user budget of code checks (LibreChat's {@code twoFactorTempLimiter} by user; CVE-2026-54042
 * was its absence): every check of a user's TOTP or backup code, on any route, counts in one fixed
 * window in the shared {@link WindowCounter}, so a guesser gets {@code attemptsMax} tries per window
 * whatever address or route they use. The gateway limits {@code /2fa/verify-temp} per address as well.
 *
 * <p>An attempt is counted before it is checked (so parallel guesses cannot outrun the count) and given
 * back when it succeeds: only failures use up the budget, and a person who types their code right is
 * never locked out by their own sign-ins.
 */
@Component
class TwoFactorAttempts {

    private static final Logger log = LoggerFactory.getLogger(TwoFactorAttempts.class);

    private final WindowCounter counters;
    private final Violations violations;
    private final TwoFactorProperties properties;

    TwoFactorAttempts(WindowCounter counters, Violations violations, TwoFactorProperties properties) {
        this.counters = counters;
        this.violations = violations;
        this.properties = properties;
    }

    /**
     * Runs {@code check} as one attempt of the user's.
     *
     * @param clientIp the caller's address for the ban score; null when not known
     * @return what {@code check} answered
     * @throws ApiException.LimitExceeded when the user has no attempts left in this window ({@code check} is not run)
     */
    boolean attempt(String tenantId, String userId, String clientIp, BooleanSupplier check) {
        String key = "limit:" + tenantId + ":two-factor-user:" + userId;
        WindowCounter.Count count = add(key, 1);
        if (count != null && count.value() > properties.attemptsMax()) {
            log.info("Two-factor attempts over the limit tenant_id={} user_id={}", tenantId, userId);
            recordViolation(tenantId, clientIp, userId);
            throw new ApiException.LimitExceeded("Too many verification attempts, please try again after "
                    + Math.max(1, properties.attemptsWindow().toMinutes()) + " minutes.");
        }
        boolean passed = check.getAsBoolean();
        if (passed && count != null) {
            add(key, -1);
        }
        return passed;
    }

    /** The count after adding {@code amount}; null when the counter store cannot be reached. */
    private WindowCounter.Count add(String key, long amount) {
        try {
            return counters.add(key, amount, properties.attemptsWindow()).toCompletableFuture().join();
        } catch (CompletionException e) {
            // The gateway's choice too: an unreachable Redis must not take sign-in down.
            log.warn("Two-factor attempt not counted, the counter store failed: {}", e.getCause().toString());
            return null;
        }
    }

    private void recordViolation(String tenantId, String clientIp, String userId) {
        try {
            violations.add(tenantId, clientIp, userId, properties.violationScore()).toCompletableFuture().join();
        } catch (CompletionException e) {
            log.warn("Violation not recorded, the counter store failed: {}", e.getCause().toString());
        }
    }
}
