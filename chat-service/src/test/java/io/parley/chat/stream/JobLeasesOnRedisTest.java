package io.parley.chat.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/** The lease records of running jobs on the local Redis, as several instances see them. */
class JobLeasesOnRedisTest {

    private static final String REDIS = System.getenv().getOrDefault("REDIS_URI", "redis://127.0.0.1:6379");
    private static final Duration SHORT = Duration.ofMillis(300);

    private final String prefix = "test-" + UUID.randomUUID() + ":";
    private final RedissonClient redis = client();
    private final RedisBackplane backplane = new RedisBackplane(redis, prefix, Duration.ofMillis(20));
    private final JobKey key = new JobKey("default", "user-" + UUID.randomUUID(), UUID.randomUUID().toString());

    private static RedissonClient client() {
        Config config = new Config();
        config.useSingleServer().setAddress(REDIS);
        return Redisson.create(config);
    }

    @AfterEach
    void stop() {
        backplane.close();
        redis.getKeys().deleteByPattern(prefix + "*");
        redis.shutdown();
    }

    @Test
    void onlyOneOfManyInstancesRacingForALapsedJobTakesItOver() throws Exception {
        claim("dead-instance", SHORT);
        await().atMost(Duration.ofSeconds(5)).until(() -> backplane.lapsed(100).contains(key));

        List<Callable<Boolean>> racers = IntStream.range(0, 8)
                .<Callable<Boolean>>mapToObj(i -> () -> backplane.takeOver(key, "instance-" + i, Duration.ofSeconds(6)))
                .toList();
        long winners;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Boolean>> outcomes = threads.invokeAll(racers);
            winners = outcomes.stream().filter(outcome -> outcome.resultNow()).count();
        }

        assertThat(winners).isEqualTo(1);
        assertThat(backplane.lapsed(100)).doesNotContain(key);
    }

    @Test
    void aLeaseRenewedInTimeNeverLapsesAndItsJobCannotBeTakenOver() {
        claim("owner", SHORT);

        // renewed every 100 ms, a 300 ms lease is never found lapsed in five leases' time
        await().during(SHORT.multipliedBy(5)).atMost(SHORT.multipliedBy(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> backplane.renew(List.of(key), "owner", SHORT).isEmpty()
                        && !backplane.lapsed(100).contains(key) && !backplane.takeOver(key, "thief", SHORT));
    }

    @Test
    void theFormerOwnerLearnsOnItsNextRenewalThatItsJobWasTakenOver() {
        claim("slow-owner", SHORT);
        await().atMost(Duration.ofSeconds(5)).until(() -> backplane.takeOver(key, "new-owner", Duration.ofSeconds(6)));

        assertThat(backplane.renew(List.of(key), "slow-owner", SHORT)).containsExactly(key);
        assertThat(backplane.renew(List.of(key), "new-owner", SHORT)).isEmpty();
    }

    @Test
    void anEndedJobIsNeitherLapsedNorTakenOver() {
        claim("owner", SHORT);
        backplane.finish(key, JobInfo.Status.COMPLETE, Duration.ofMinutes(1));

        await().during(SHORT.multipliedBy(2)).atMost(Duration.ofSeconds(5))
                .until(() -> !backplane.lapsed(100).contains(key));
        assertThat(backplane.takeOver(key, "thief", SHORT)).isFalse();
    }

    @Test
    void theFirstSettlementContextWinsAndTheNextTurnOfTheConversationStartsWithoutIt() {
        claim("owner", SHORT);
        backplane.handover(key, "{\"holdId\":\"h1\"}");
        assertThat(backplane.settleAs(key, "incomplete")).isEqualTo("incomplete");
        assertThat(backplane.settleAs(key, "message")).isEqualTo("incomplete");
        assertThat(backplane.orphan(key)).get().satisfies(orphan -> {
            assertThat(orphan.handover()).isEqualTo("{\"holdId\":\"h1\"}");
            assertThat(orphan.settledAs()).isEqualTo("incomplete");
        });
        backplane.finish(key, JobInfo.Status.ABORTED, Duration.ofMinutes(1));

        claim("owner", SHORT);

        assertThat(backplane.orphan(key)).get().satisfies(orphan -> {
            assertThat(orphan.handover()).isNull();
            assertThat(orphan.settledAs()).isNull();
            assertThat(orphan.events()).isEmpty();
        });
    }

    private void claim(String owner, Duration lease) {
        JobInfo info = new JobInfo(key.streamId(), key.streamId(), "response", "AI", "model", "endpoint", Map.of(),
                Instant.now(), JobInfo.Status.RUNNING);
        assertThat(backplane.claim(key, info, 5, Duration.ofMinutes(30), owner, lease)).isEqualTo(JobBackplane.Claim.CLAIMED);
    }
}
