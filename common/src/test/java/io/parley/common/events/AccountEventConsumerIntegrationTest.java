package io.parley.common.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;

/**
 * Account events through the local Redis (127.0.0.1:6379, or REDIS_URI), with short timings. Every
 * test has its own stream, so parallel runs do not meet.
 */
class AccountEventConsumerIntegrationTest {

    private static final EventsProperties FAST = new EventsProperties(Duration.ofMillis(300), Duration.ofMillis(100), 1000);
    private static RedissonClient redisson;

    private final String streamKey = AccountStream.key("test:" + UUID.randomUUID() + ":");
    private final AccountEvents events = new RedisAccountEvents(redisson, streamKey, FAST.maxLength());
    private final List<AccountEventConsumer> consumers = new ArrayList<>();

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

    @AfterEach
    void stopConsumers() {
        consumers.forEach(AccountEventConsumer::stop);
        redisson.getKeys().delete(streamKey);
    }

    @Test
    void everyServiceGroupErasesEachDeletedAccount() {
        Erasures chat = new Erasures();
        Erasures files = new Erasures();
        start("chat-service", chat);
        start("file-service", files);

        events.publish(UserDeleted.of("acme", "u1"));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(chat.calls()).containsExactly(Map.entry("acme/u1", 1));
            assertThat(files.calls()).containsExactly(Map.entry("acme/u1", 1));
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> pending("chat-service") == 0 && pending("file-service") == 0);
    }

    @Test
    void aFailedErasureStaysPendingAndIsRetriedUntilItSucceeds() {
        List<Instant> attempts = new CopyOnWriteArrayList<>();
        start("chat-service", (tenantId, userId) -> {
            attempts.add(Instant.now());
            if (attempts.size() == 1) {
                throw new IllegalStateException("store unreachable");
            }
        });

        events.publish(UserDeleted.of("acme", "u2"));

        await().atMost(Duration.ofSeconds(5)).until(() -> attempts.size() == 2 && pending("chat-service") == 0);
        assertThat(Duration.between(attempts.get(0), attempts.get(1))).as("taken again once idle for retry-after")
                .isGreaterThanOrEqualTo(FAST.retryAfter().minusMillis(50));
        await().during(Duration.ofMillis(900)).atMost(Duration.ofSeconds(2)).until(() -> attempts.size() == 2);
    }

    @Test
    void anAcknowledgedEventIsNotHandedAgainToAnyInstanceOfTheSameService() {
        Erasures chat = new Erasures();
        start("chat-service", chat);
        start("chat-service", chat);

        for (int i = 0; i < 5; i++) {
            events.publish(UserDeleted.of("acme", "user-" + i));
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> chat.calls().size() == 5 && pending("chat-service") == 0);
        // three times the retry delay: a redelivery would have happened by then
        await().during(Duration.ofMillis(900)).atMost(Duration.ofSeconds(2))
                .until(() -> chat.calls().values().stream().allMatch(count -> count == 1));
    }

    @Test
    void aServiceStartedAfterADeletionStillErasesIt() {
        events.publish(UserDeleted.of("acme", "u3"));

        Erasures late = new Erasures();
        start("agent-service", late);

        await().atMost(Duration.ofSeconds(5)).until(() -> late.calls().equals(Map.of("acme/u3", 1)));
    }

    @Test
    void anUnreadableEntryIsDroppedAndTheNextEventStillArrives() {
        Erasures chat = new Erasures();
        start("chat-service", chat);

        redisson.<String, String>getStream(streamKey, StringCodec.INSTANCE)
                .add(StreamAddArgs.entries(Map.of("type", "user.deleted", "tenantId", "acme")));
        events.publish(UserDeleted.of("acme", "u4"));

        await().atMost(Duration.ofSeconds(5)).until(() -> chat.calls().equals(Map.of("acme/u4", 1))
                && pending("chat-service") == 0);
    }

    private void start(String group, AccountDataEraser eraser) {
        AccountEventConsumer consumer = new AccountEventConsumer(redisson, streamKey, group,
                new AccountErasure(() -> List.of(eraser), new SimpleMeterRegistry()), FAST);
        consumer.start();
        consumers.add(consumer);
    }

    private long pending(String group) {
        return redisson.getStream(streamKey, StringCodec.INSTANCE).getPendingInfo(group).getTotal();
    }

    /** Counts erasures per tenant/user. */
    private static final class Erasures implements AccountDataEraser {

        private final Map<String, Integer> calls = new ConcurrentHashMap<>();

        @Override
        public void erase(String tenantId, String userId) {
            calls.merge(tenantId + "/" + userId, 1, Integer::sum);
        }

        Map<String, Integer> calls() {
            return Map.copyOf(calls);
        }
    }
}
