package io.parley.common.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LocalWindowCounterTest {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final LocalWindowCounter counter = new LocalWindowCounter(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @Test
    void countsWithinTheWindowStartedByTheFirstHit() {
        Duration window = Duration.ofMinutes(5);
        assertThat(add("k", 1, window).value()).isEqualTo(1);
        now = now.plusSeconds(60);
        WindowCounter.Count second = add("k", 2, window);
        assertThat(second.value()).isEqualTo(3);
        assertThat(second.resetsIn()).isEqualTo(Duration.ofMinutes(4));
    }

    @Test
    void startsAfreshOnceTheWindowHasPassed() {
        add("k", 5, Duration.ofMinutes(1));
        now = now.plusSeconds(61);
        assertThat(counter.peek("k").toCompletableFuture().join()).isEqualTo(WindowCounter.Count.NONE);
        assertThat(add("k", 1, Duration.ofMinutes(1)).value()).isEqualTo(1);
    }

    @Test
    void keepsKeysApartAndForgetsReset() {
        add("a", 1, Duration.ofMinutes(1));
        add("b", 1, Duration.ofMinutes(1));
        counter.reset("a").toCompletableFuture().join();
        assertThat(counter.peek("a").toCompletableFuture().join().value()).isZero();
        assertThat(counter.peek("b").toCompletableFuture().join().value()).isEqualTo(1);
    }

    private WindowCounter.Count add(String key, long amount, Duration window) {
        return counter.add(key, amount, window).toCompletableFuture().join();
    }

    @Test
    void dropsTheCountersOfAPrefixOnly() {
        LocalWindowCounter counter = new LocalWindowCounter(java.time.Clock.systemUTC());
        counter.add("limit:a:login:1", 1, java.time.Duration.ofMinutes(1));
        counter.add("limit:ab:login:1", 1, java.time.Duration.ofMinutes(1));
        assertThat(counter.countWithPrefix("limit:a:").toCompletableFuture().join()).isEqualTo(1);
        assertThat(counter.resetWithPrefix("limit:a:").toCompletableFuture().join()).isEqualTo(1);
        assertThat(counter.peek("limit:ab:login:1").toCompletableFuture().join().value()).isEqualTo(1);
    }
}
