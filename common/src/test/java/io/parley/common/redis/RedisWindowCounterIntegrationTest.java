package io.parley.common.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/** Against the local Redis (127.0.0.1:6379, or REDIS_URI), which .ci/run makes sure is running. */
class RedisWindowCounterIntegrationTest {

    private static RedissonClient redisson;
    private final WindowCounter counter = new RedisWindowCounter(redisson, "test:" + UUID.randomUUID() + ":");

    @BeforeAll
    static void connect() {
        Config config = new Config();
        config.useSingleServer().setAddress(System.getenv().getOrDefault("REDIS_URI", "redis://127.0.0.1:6379"));
        redisson = Redisson.create(config);
    }

    @AfterAll
    static void disconnect() {
        redisson.shutdown();
    }

    @Test
    void addsWithinOneWindowAndReportsTheTimeLeft() {
        WindowCounter.Count first = add("login:1.2.3.4", 1, Duration.ofMinutes(15));
        WindowCounter.Count second = add("login:1.2.3.4", 1, Duration.ofMinutes(15));
        assertThat(first.value()).isEqualTo(1);
        assertThat(second.value()).isEqualTo(2);
        assertThat(second.resetsIn()).isGreaterThan(Duration.ofMinutes(14)).isLessThanOrEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void laterAddsDoNotExtendTheWindow() {
        add("k", 1, Duration.ofSeconds(30));
        WindowCounter.Count later = add("k", 1, Duration.ofHours(1));
        assertThat(later.resetsIn()).isLessThanOrEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void peekAndResetSeeTheSameCounter() {
        assertThat(counter.peek("absent").toCompletableFuture().join()).isEqualTo(WindowCounter.Count.NONE);
        add("ban", 1, Duration.ofHours(2));
        assertThat(counter.peek("ban").toCompletableFuture().join().value()).isEqualTo(1);
        counter.reset("ban").toCompletableFuture().join();
        assertThat(counter.peek("ban").toCompletableFuture().join().value()).isZero();
    }

    @Test
    void dropsExactlyTheCountersOfAPrefixEvenWithGlobCharactersInIt() {
        add("limit:t[1]:login:a", 1, Duration.ofMinutes(5));
        add("limit:t[1]:login:b", 1, Duration.ofMinutes(5));
        add("limit:t11:login:a", 1, Duration.ofMinutes(5));
        add("ban:t[1]:user:x", 1, Duration.ofMinutes(5));
        assertThat(counter.countWithPrefix("limit:t[1]:").toCompletableFuture().join()).isEqualTo(2);
        assertThat(counter.resetWithPrefix("limit:t[1]:").toCompletableFuture().join()).isEqualTo(2);
        assertThat(counter.peek("limit:t[1]:login:a").toCompletableFuture().join().value()).isZero();
        assertThat(counter.peek("limit:t11:login:a").toCompletableFuture().join().value()).isEqualTo(1);
        assertThat(counter.peek("ban:t[1]:user:x").toCompletableFuture().join().value()).isEqualTo(1);
    }

    private WindowCounter.Count add(String key, long amount, Duration window) {
        return counter.add(key, amount, window).toCompletableFuture().join();
    }
}
