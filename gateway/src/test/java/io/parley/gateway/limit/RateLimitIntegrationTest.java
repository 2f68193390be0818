package io.parley.gateway.limit;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.test.Http;
import io.parley.gateway.GatewayIntegrationTest;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Limits with the specification's defaults, counted in the real local Redis. */
class RateLimitIntegrationTest extends GatewayIntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    io.parley.common.redis.Violations violations;

    private static final String LOGIN = "{\"email\":\"a@example.com\",\"password\":\"x\"}";

    @Test
    void theSixthLoginWithinTheWindowIs429WithRetryAfter() {
        for (int attempt = 1; attempt <= 5; attempt++) {
            Http.Response allowed = post("/api/auth/login", LOGIN);
            assertThat(allowed.status()).as("attempt %d", attempt).isEqualTo(200);
            assertThat(allowed.header("RateLimit-Remaining")).contains(Integer.toString(5 - attempt));
        }
        Http.Response limited = post("/api/auth/login", LOGIN);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().get("error").asString()).isEqualTo("rate_limited");
        assertThat(limited.json().get("message").asString()).isEqualTo("Too many login attempts, please try again after 15 minutes.");
        assertThat(Long.parseLong(limited.header("Retry-After").orElseThrow())).isBetween(1L, 900L);
        assertThat(limited.header("RateLimit-Limit")).contains("5");
    }

    @Test
    void limitsAreCountedPerClientAddress() {
        IntStream.range(0, 5).forEach(i -> post("/api/auth/login", LOGIN));
        assertThat(post("/api/auth/login", LOGIN).status()).isEqualTo(429);
        String neighbour = ip.substring(0, ip.lastIndexOf('.') + 1) + (Integer.parseInt(ip.substring(ip.lastIndexOf('.') + 1)) % 254 + 1);
        assertThat(http.post("/api/auth/login", LOGIN, "X-Forwarded-For", neighbour).status()).isEqualTo(200);
    }

    @Test
    void theFourthRegistrationWithinAnHourIs429() {
        IntStream.range(0, 3).forEach(i -> assertThat(post("/api/auth/register", "{}").status()).isEqualTo(200));
        Http.Response limited = post("/api/auth/register", "{}");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().get("message").asString()).startsWith("Too many accounts created");
    }

    @Test
    void theSpecificationsVerifyEmailRouteSharesTheResendBudget() {
        assertThat(post("/api/user/verify/resend", "{}").status()).isEqualTo(200);
        assertThat(post("/api/user/verify-email", "{}").status()).isEqualTo(200);
        Http.Response limited = post("/api/user/verify-email", "{}");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().get("message").asString()).isEqualTo("Too many attempts, please try again after 2 minute(s)");
    }

    @Test
    void repeatedViolationsBanTheAddressFromEveryRoute() {
        // 5 allowed, then 3 refusals = 3 violation points = one ban interval in this test set-up
        IntStream.range(0, 8).forEach(i -> post("/api/auth/login", LOGIN));

        Http.Response banned = get("/api/config");
        assertThat(banned.status()).isEqualTo(403);
        assertThat(banned.json().get("error").asString()).isEqualTo("banned");
        assertThat(banned.json().get("message").asString())
                .isEqualTo("Your account has been temporarily banned due to violations of our service.");
        assertThat(Long.parseLong(banned.header("Retry-After").orElseThrow())).isGreaterThan(3600);
    }

    @Test
    void aPersonBannedByAnotherProcessIsRefusedEverywhereWithinASecondAndOthersAreNot() {
        String banned = "u-ban-" + java.util.UUID.randomUUID();
        String token = "Bearer " + UPSTREAM.token(banned, "default");
        assertThat(get("/api/convos", "Authorization", token).status()).isEqualTo(200);

        // What auth-service (an admin's ban) or chat-service (its message limits) write to the shared counters.
        violations.ban("default", banned, java.time.Duration.ofHours(1)).toCompletableFuture().join();

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> get("/api/convos", "Authorization", token).status() == 403);
        Http.Response refused = get("/api/agents", "Authorization", token);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("error").asString()).isEqualTo("banned");
        assertThat(get("/api/convos", "Authorization", "Bearer " + UPSTREAM.token("u-other", "default")).status())
                .isEqualTo(200);
    }

    @Test
    void healthChecksAreAnsweredForABannedAddress() {
        IntStream.range(0, 8).forEach(i -> post("/api/auth/login", LOGIN));
        assertThat(get("/api/config").status()).isEqualTo(403);

        Http.Response health = get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("OK");
    }

    @Test
    void aTrustedProxysOwnAddressIsLimitedButNeverBanned() {
        // No X-Forwarded-For from the trusted loopback proxy: the address stands for everyone behind it.
        IntStream.range(0, 8).forEach(i -> http.post("/api/auth/login", LOGIN));

        assertThat(http.post("/api/auth/login", LOGIN).status()).isEqualTo(429);
        assertThat(http.get("/api/config").status()).isEqualTo(200);
    }

    @Test
    void aForgedForwardedForFromAnUntrustedPeerIsIgnored() {
        // Only the loopback proxy is trusted: the address it forwards for counts, not one a client invents in the chain.
        IntStream.range(0, 6).forEach(i -> http.post("/api/auth/login", LOGIN, "X-Forwarded-For", "203.0.113.9, " + ip));
        assertThat(http.post("/api/auth/login", LOGIN, "X-Forwarded-For", "198.51.100.1, " + ip).status()).isEqualTo(429);
    }
}
