package io.parley.common.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.parley.common.test.PrivateRedis;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A Redis of its own that stops answering (SIGSTOP, as a hung or partitioned server does) while the
 * shared counters are in use: no call waits for Redisson's own time-outs (seconds) but at most the
 * 300 ms bound, once per 2 s, and they work again by themselves once Redis answers again.
 */
class RedisOutageIntegrationTest {

    @TempDir
    Path dir;

    private PrivateRedis redis;

    @BeforeEach
    void startRedis() throws Exception {
        Assumptions.assumeTrue(PrivateRedis.available(), "redis-server is not installed");
        redis = PrivateRedis.start(dir);
    }

    @AfterEach
    void stopRedis() throws Exception {
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void withRedisHungNoCallWaitsForRedissonsTimeOutsAndItRecoversByItself() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class))
                .withPropertyValues("parley.redis.uri=" + redis.uri(), "parley.redis.key-prefix=outage:")
                .run(context -> {
                    Standings standings = context.getBean(Standings.class);
                    WindowCounter counters = context.getBean(WindowCounter.class);
                    assertThat(counters.add("k", 1, Duration.ofMinutes(1)).toCompletableFuture().join().value()).isEqualTo(1);

                    redis.hang();
                    long slowest = 0;
                    for (int i = 0; i < 20; i++) {
                        // what a request through the gateway asks: its standing, then a limit's counter
                        long started = System.nanoTime();
                        try {
                            standings.of("t", "10.0.0." + i, "u" + i, "s" + i).toCompletableFuture().join();
                        } catch (CompletionException expected) {
                            // unknown while Redis is away: callers let the request through
                        }
                        try {
                            counters.add("k", 1, Duration.ofMinutes(1)).toCompletableFuture().join();
                        } catch (CompletionException expected) {
                            // the same
                        }
                        long took = System.nanoTime() - started;
                        System.out.printf("redis hung: request %d asked in %d ms%n", i, TimeUnit.NANOSECONDS.toMillis(took));
                        slowest = Math.max(slowest, took);
                    }
                    // The 300 ms bound plus scheduling on a busy machine; Redisson alone would take seconds.
                    assertThat(Duration.ofNanos(slowest)).isLessThan(Duration.ofSeconds(1));

                    redis.resume();
                    await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() ->
                            counters.add("k", 1, Duration.ofMinutes(1)).toCompletableFuture().join().value() >= 2);
                });
    }
}
