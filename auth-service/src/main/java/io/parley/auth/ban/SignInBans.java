package io.parley.auth.ban;

import io.parley.common.error.ApiException;
import io.parley.common.redis.Violations;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * LibreChat's {@code checkBan} once a sign-in knows who the person is (password, directory, second
 * factor, social or OpenID): the gateway bans addresses on every route and people on authenticated
 * ones, but cannot know the person of a sign-in request. An unreachable ban store lets the sign-in
 * through, as at the gateway.
 */
@Component
public class SignInBans {

    private static final Logger log = LoggerFactory.getLogger(SignInBans.class);

    private final Violations violations;

    SignInBans(Violations violations) {
        this.violations = violations;
    }

    /** @throws ApiException.Forbidden (403, LibreChat's ban message) while the person is banned */
    public void refuseBanned(String tenantId, String userId) {
        Optional<Duration> ban;
        try {
            ban = violations.banned(tenantId, null, userId).toCompletableFuture().get(2, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Ban not checked at sign-in, the counter store failed tenant_id={} user_id={}", tenantId, userId);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException.Unavailable("Sign-in was interrupted");
        }
        if (ban.isPresent()) {
            log.info("Sign-in of a banned person refused tenant_id={} user_id={}", tenantId, userId);
            throw new ApiException.Forbidden("banned", Violations.BANNED_MESSAGE);
        }
    }
}
