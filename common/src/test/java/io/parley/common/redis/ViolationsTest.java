package io.parley.common.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ViolationsTest {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final LocalWindowCounter counter = new LocalWindowCounter(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });
    private final Violations violations = new Violations(counter, new BanProperties(true, 20, Duration.ofHours(2)));

    private Optional<Duration> banned(String tenant, String ip, String userId) {
        return violations.banned(tenant, ip, userId).toCompletableFuture().join();
    }

    @Test
    void anAdminBanLastsTheGivenDurationForThatUserOnly() {
        violations.ban("t1", "u1", Duration.ofMinutes(10)).toCompletableFuture().join();

        assertThat(banned("t1", "10.0.0.1", "u1")).contains(Duration.ofMinutes(10));
        assertThat(banned("t1", "10.0.0.1", null)).isEmpty();
        assertThat(banned("t1", null, "u2")).isEmpty();
        assertThat(banned("t2", null, "u1")).isEmpty();
        now = now.plus(Duration.ofMinutes(10)).plusSeconds(1);
        assertThat(banned("t1", null, "u1")).isEmpty();
    }

    @Test
    void aNewBanReplacesTheOneInForce() {
        violations.ban("t1", "u1", Duration.ofHours(5)).toCompletableFuture().join();
        now = now.plusSeconds(60);

        violations.ban("t1", "u1", Duration.ofMinutes(1)).toCompletableFuture().join();

        assertThat(banned("t1", null, "u1")).contains(Duration.ofMinutes(1));
    }

    @Test
    void unbanLiftsTheBanAndForgetsTheViolationScore() {
        violations.add("t1", null, "u1", 19).toCompletableFuture().join();
        violations.ban("t1", "u1", Duration.ofHours(1)).toCompletableFuture().join();

        violations.unban("t1", "u1").toCompletableFuture().join();

        assertThat(banned("t1", null, "u1")).isEmpty();
        assertThat(counter.peek("violations:t1:user:u1").toCompletableFuture().join().value()).isZero();
        violations.add("t1", null, "u1", 1).toCompletableFuture().join();
        assertThat(banned("t1", null, "u1")).isEmpty();
    }

    @Test
    void unbanLeavesAnAddressBanInPlace() {
        violations.add("t1", "10.0.0.1", null, 20).toCompletableFuture().join();
        violations.add("t1", "10.0.0.1", "u1", 20).toCompletableFuture().join();

        violations.unban("t1", "u1").toCompletableFuture().join();

        assertThat(banned("t1", null, "u1")).isEmpty();
        assertThat(banned("t1", "10.0.0.1", null)).isPresent();
    }

    @Test
    void aPersonsViolationsCountAgainstThePersonOnly() {
        violations.add("t1", "10.0.0.1", "u1", 20).toCompletableFuture().join();

        assertThat(banned("t1", "10.0.0.1", "u1")).contains(Duration.ofHours(2));
        assertThat(banned("t1", "10.0.0.1", null)).isEmpty();
        assertThat(banned("t1", "10.0.0.1", "u2")).isEmpty();
        assertThat(counter.peek("violations:t1:ip:10.0.0.1").toCompletableFuture().join().value()).isZero();
    }

    @Test
    void whenTheAddressAndThePersonAreBothBannedTheAddresssBanAnswers() {
        violations.add("t1", "10.0.0.1", null, 20).toCompletableFuture().join(); // address: 2 hours
        violations.ban("t1", "u1", Duration.ofMinutes(5)).toCompletableFuture().join();

        assertThat(banned("t1", "10.0.0.1", "u1")).contains(Duration.ofHours(2));
        assertThat(banned("t1", "10.0.0.2", "u1")).contains(Duration.ofMinutes(5));
        assertThat(banned("t1", "10.0.0.2", "u2")).isEmpty();
    }
}
