package io.parley.common.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.redis.RedisAutoConfiguration;
import io.parley.common.redis.RedisProperties;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

class EventsAutoConfigurationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class, EventsAutoConfiguration.class));

    @Test
    void withoutRedisAPublishedDeletionReachesThisProcessesErasersAtOnce() {
        List<String> erased = new CopyOnWriteArrayList<>();
        runner.withBean(AccountDataEraser.class, () -> (tenantId, userId) -> erased.add(tenantId + "/" + userId))
                .run(context -> {
                    assertThat(context).hasSingleBean(LocalAccountEvents.class).doesNotHaveBean(AccountEventConsumer.class);

                    context.getBean(AccountEvents.class).publish(UserDeleted.of("acme", "u1"));

                    assertThat(erased).containsExactly("acme/u1");
                });
    }

    @Test
    void withRedisAServiceWithAnEraserConsumesInTheGroupNamedAfterIt() {
        runner.withPropertyValues(redis()).withPropertyValues("spring.application.name=chat-service")
                .withBean(AccountDataEraser.class, () -> (tenantId, userId) -> { })
                .run(context -> {
                    assertThat(context).hasSingleBean(RedisAccountEvents.class);
                    assertThat(context.getBean(AccountEventConsumer.class).consumerName()).startsWith("chat-service-");
                    assertThat(context.getBean(AccountEventConsumer.class).isRunning()).isTrue();
                    context.getBean(AccountEventConsumer.class).stop();
                    context.getBean(RedissonClient.class).getKeys().deleteByPattern(
                            context.getBean(RedisProperties.class).keyPrefix() + "*");
                });
    }

    @Test
    void withRedisAProcessWithoutErasersPublishesButDoesNotConsume() {
        runner.withPropertyValues(redis())
                .run(context -> assertThat(context).hasSingleBean(RedisAccountEvents.class)
                        .doesNotHaveBean(AccountEventConsumer.class));
    }

    @Test
    void aReactiveApplicationLikeTheGatewayGetsNoAccountEvents() {
        new ReactiveWebApplicationContextRunner().withConfiguration(AutoConfigurations.of(EventsAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(AccountEvents.class));
    }

    private static String[] redis() {
        return new String[] {"parley.redis.uri=" + System.getenv().getOrDefault("REDIS_URI", "redis://127.0.0.1:6379"),
                "parley.redis.key-prefix=test:" + UUID.randomUUID() + ":"};
    }
}
