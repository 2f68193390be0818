package io.parley.common.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StandingsTest {

    private final AtomicInteger roundTrips = new AtomicInteger();
    private final WindowCounter shared = new CountingCounter(new LocalWindowCounter(Clock.systemUTC()), roundTrips);
    private final BanProperties bans = new BanProperties(true, 3, Duration.ofHours(2));
    private final Revocations revocations = new Revocations(shared);
    private final Violations violations = new Violations(shared, bans);

    private Standings.Standing standing(Standings standings, String ip, String user) {
        return standings.of("acme", ip, user, null).toCompletableFuture().join();
    }

    @Test
    void aSteadyStreamOfRequestsReadsTheSharedCountersOncePerInterval() {
        Standings standings = new Standings(shared, revocations, violations, Duration.ofMinutes(1));

        for (int i = 0; i < 100; i++) {
            assertThat(standing(standings, "10.0.0.1", "u1")).isEqualTo(Standings.Standing.GOOD);
        }

        assertThat(roundTrips).hasValue(1);
    }

    @Test
    void aRevocationMadeElsewhereAppliesOnceWhatWasReadIsNoLongerFresh() {
        Standings standings = new Standings(shared, revocations, violations, Duration.ofMillis(200));
        assertThat(standing(standings, "10.0.0.2", "u2").revoked()).isFalse();

        revocations.revokeUser("acme", "u2", Duration.ofMinutes(15)).toCompletableFuture().join();

        await().atMost(Duration.ofSeconds(5)).until(() -> standing(standings, "10.0.0.2", "u2").revoked());
        assertThat(standing(standings, "10.0.0.3", "u3").revoked()).isFalse();
    }

    @Test
    void anEndedSessionsTokensAreRefusedAndTheSameUsersOtherSessionsAreNot() {
        Standings standings = new Standings(shared, revocations, violations, Duration.ofMillis(200));
        assertThat(standings.of("acme", "10.0.0.7", "u7", "s1").toCompletableFuture().join()).isEqualTo(Standings.Standing.GOOD);

        revocations.revokeSession("acme", "s1", Duration.ofMinutes(15)).toCompletableFuture().join();

        await().atMost(Duration.ofSeconds(5))
                .until(() -> standings.of("acme", "10.0.0.7", "u7", "s1").toCompletableFuture().join().sessionEnded());
        Standings.Standing ended = standings.of("acme", "10.0.0.7", "u7", "s1").toCompletableFuture().join();
        assertThat(ended.revoked()).isFalse();
        assertThat(standings.of("acme", "10.0.0.7", "u7", "s2").toCompletableFuture().join()).isEqualTo(Standings.Standing.GOOD);
        assertThat(standings.of("globex", "10.0.0.7", "u7", "s1").toCompletableFuture().join()).isEqualTo(Standings.Standing.GOOD);
    }

    @Test
    void violationsOfAPersonBanThePersonNotTheAddressTheyShare() {
        Standings standings = new Standings(shared, revocations, violations, Duration.ofMinutes(1));

        violations.add("acme", "10.0.0.8", "u8", 3).toCompletableFuture().join();
        standings.forget("acme", "10.0.0.8", "u8");

        assertThat(standing(standings, "10.0.0.8", "u8").banRemaining()).isPresent();
        assertThat(standing(standings, "10.0.0.8", "u9").banRemaining()).isEmpty();
        assertThat(standing(standings, "10.0.0.8", null).banRemaining()).isEmpty();
    }

    @Test
    void violationsWithoutAPersonBanTheAddress() {
        Standings standings = new Standings(shared, revocations, violations, Duration.ofMinutes(1));

        violations.add("acme", "10.0.0.9", null, 3).toCompletableFuture().join();
        standings.forget("acme", "10.0.0.9", null);

        assertThat(standing(standings, "10.0.0.9", null).banRemaining()).isPresent();
        assertThat(standing(standings, "10.0.0.9", "u10").banRemaining()).isPresent();
        assertThat(standing(standings, null, "u10").banRemaining()).isEmpty();
    }

    @Test
    void aBanThisProcessCountedAppliesAtOnceOnceForgotten() {
        Standings standings = new Standings(shared, revocations, violations, Duration.ofMinutes(1));
        assertThat(standing(standings, "10.0.0.4", "u4").banRemaining()).isEmpty();

        violations.add("acme", "10.0.0.4", "u4", 3).toCompletableFuture().join();
        standings.forget("acme", "10.0.0.4", "u4");

        assertThat(standing(standings, "10.0.0.4", "u4").banRemaining()).hasValueSatisfying(remaining ->
                assertThat(remaining).isGreaterThan(Duration.ofMinutes(119)));
        assertThat(standing(standings, "10.0.0.5", "u4").banRemaining()).isPresent();
        assertThat(standing(standings, "10.0.0.5", null).banRemaining()).isEmpty();
    }

    @Test
    void aBanReadBeforeEndsWhenItsWindowDoesNotAfterTheCacheInterval() {
        Standings standings = new Standings(shared, revocations, violations, Duration.ofMinutes(1));
        violations.ban("acme", "u6", Duration.ofMillis(300)).toCompletableFuture().join();
        assertThat(standing(standings, "10.0.0.6", "u6").banRemaining()).isPresent();

        await().atMost(Duration.ofSeconds(5)).until(() -> standing(standings, "10.0.0.6", "u6").banRemaining().isEmpty());
        assertThat(roundTrips).hasValue(1);
    }

    /** The shared counters, counting the round trips a reader makes to them. */
    private record CountingCounter(WindowCounter counters, AtomicInteger roundTrips) implements WindowCounter {

        @Override
        public CompletionStage<Count> add(String key, long amount, Duration window) {
            return counters.add(key, amount, window);
        }

        @Override
        public CompletionStage<Count> peek(String key) {
            roundTrips.incrementAndGet();
            return counters.peek(key);
        }

        @Override
        public CompletionStage<List<Count>> peekAll(List<String> keys) {
            roundTrips.incrementAndGet();
            return counters.peekAll(keys);
        }

        @Override
        public CompletionStage<Void> reset(String key) {
            return counters.reset(key);
        }
    }
}
