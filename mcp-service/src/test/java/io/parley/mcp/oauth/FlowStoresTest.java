package io.parley.mcp.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * Where sign-ins wait, in memory and in Redis (127.0.0.1:6379) alike: a flow expires after its time,
 * and of several callbacks racing for one state exactly one takes it. In Redis, what one instance put
 * another reads.
 */
class FlowStoresTest {

    private static RedissonClient redis;
    private static RedissonClient otherInstance;

    @BeforeAll
    static void redis() {
        Config config = new Config();
        config.useSingleServer().setAddress("redis://127.0.0.1:6379");
        redis = Redisson.create(config);
        otherInstance = Redisson.create(config);
    }

    @AfterAll
    static void close() {
        redis.shutdown();
        otherInstance.shutdown();
    }

    private static FlowStore store(String kind, String prefix) {
        return kind.equals("memory") ? new LocalFlowStore() : new RedisFlowStore(redis, prefix);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void aFlowExpiresAfterItsTime(String kind) {
        FlowStore store = store(kind, "parley-flows-test-" + UUID.randomUUID() + ":");
        store.put("state:a", "flow".getBytes(StandardCharsets.UTF_8), Duration.ofMillis(300));
        assertThat(store.get("state:a")).isNotNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> store.get("state:a") == null);
        assertThat(store.take("state:a")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void ofCallbacksRacingForOneStateExactlyOneTakesIt(String kind) throws Exception {
        FlowStore store = store(kind, "parley-flows-test-" + UUID.randomUUID() + ":");
        store.put("state:b", "flow".getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(1));
        try (ExecutorService racers = Executors.newVirtualThreadPerTaskExecutor()) {
            var taken = racers.invokeAll(IntStream.range(0, 16).<Callable<Boolean>>mapToObj(i -> () -> store.take("state:b") != null)
                    .toList());
            long winners = 0;
            for (var result : taken) {
                winners += result.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        }
    }

    @org.junit.jupiter.api.Test
    void inRedisAnotherInstanceSeesAndTakesWhatOnePut() {
        String prefix = "parley-flows-test-" + UUID.randomUUID() + ":";
        new RedisFlowStore(redis, prefix).put("state:c", "flow".getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(1));
        FlowStore other = new RedisFlowStore(otherInstance, prefix);
        assertThat(other.take("state:c")).asString(StandardCharsets.UTF_8).isEqualTo("flow");
        assertThat(new RedisFlowStore(redis, prefix).get("state:c")).isNull();
    }
}
