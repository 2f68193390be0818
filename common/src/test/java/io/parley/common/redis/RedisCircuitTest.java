package io.parley.common.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RedisCircuitTest {

    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile boolean down;

    private final WindowCounter redis = new WindowCounter() {
        @Override
        public CompletionStage<Count> add(String key, long amount, Duration window) {
            calls.incrementAndGet();
            return down ? CompletableFuture.failedFuture(new IllegalStateException("timed out"))
                    : CompletableFuture.completedFuture(new Count(amount, window));
        }

        @Override
        public CompletionStage<Count> peek(String key) {
            return add(key, 0, Duration.ZERO);
        }

        @Override
        public CompletionStage<Void> reset(String key) {
            return add(key, 0, Duration.ZERO).thenApply(c -> null);
        }
    };

    private final RedisCircuit circuit = new RedisCircuit(redis, Duration.ofMillis(300), now::get);

    private CompletableFuture<WindowCounter.Count> add() {
        return circuit.add("k", 1, Duration.ofMinutes(1)).toCompletableFuture();
    }

    @Test
    void afterAFailureCallsFailAtOnceWithoutAskingRedisUntilTheIntervalEnds() {
        down = true;
        assertThatThrownBy(() -> add().join()).hasRootCauseMessage("timed out");
        assertThat(calls).hasValue(1);

        for (int i = 0; i < 100; i++) {
            assertThatThrownBy(() -> add().join()).hasCauseInstanceOf(CountersUnavailable.class);
        }
        assertThat(calls).as("Redis not asked while the circuit is open").hasValue(1);

        now.addAndGet(RedisCircuit.OPEN_FOR.toNanos() + 1);
        assertThatThrownBy(() -> add().join()).hasRootCauseMessage("timed out");
        assertThat(calls).as("asked again once the interval is over").hasValue(2);
    }

    @Test
    void aCallRedisDoesNotAnswerFailsAfterTheTimeoutAndOpensTheCircuit() {
        RedisCircuit hung = new RedisCircuit(new WindowCounter() {
            @Override
            public CompletionStage<Count> add(String key, long amount, Duration window) {
                calls.incrementAndGet();
                return new CompletableFuture<>();
            }

            @Override
            public CompletionStage<Count> peek(String key) {
                return add(key, 0, Duration.ZERO);
            }

            @Override
            public CompletionStage<Void> reset(String key) {
                return add(key, 0, Duration.ZERO).thenApply(c -> null);
            }
        }, Duration.ofMillis(50), now::get);

        assertThatThrownBy(() -> hung.peek("k").toCompletableFuture().join())
                .hasCauseInstanceOf(java.util.concurrent.TimeoutException.class);
        assertThatThrownBy(() -> hung.peek("k").toCompletableFuture().join()).hasCauseInstanceOf(CountersUnavailable.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void whenRedisIsBackTheFirstCallAfterTheIntervalClosesTheCircuit() {
        down = true;
        assertThatThrownBy(() -> add().join()).isNotNull();
        down = false;
        assertThatThrownBy(() -> add().join()).hasCauseInstanceOf(CountersUnavailable.class);

        now.addAndGet(RedisCircuit.OPEN_FOR.toNanos() + 1);
        assertThat(add().join().value()).isEqualTo(1);
        assertThat(circuit.peek("k").toCompletableFuture().join()).isNotNull();
        assertThat(calls).hasValue(3);
    }
}
