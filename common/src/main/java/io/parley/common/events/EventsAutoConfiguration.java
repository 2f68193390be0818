package io.parley.common.events;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.common.redis.RedisAutoConfiguration;
import io.parley.common.redis.RedisProperties;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Account events through Redis when it is configured (and, in a service with at least one
 * {@link AccountDataEraser}, a consumer in the group named after {@code spring.application.name});
 * straight to this process's erasers otherwise. Services only: the gateway keeps no personal data.
 */
@AutoConfiguration(after = RedisAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties({EventsProperties.class, RedisProperties.class})
public class EventsAutoConfiguration {

    @Bean
    AccountErasure accountErasure(ObjectProvider<AccountDataEraser> erasers, ObjectProvider<MeterRegistry> meters) {
        return new AccountErasure(() -> erasers.orderedStream().toList(), meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    @ConditionalOnBean(RedissonClient.class)
    @ConditionalOnMissingBean(AccountEvents.class)
    AccountEvents redisAccountEvents(RedissonClient redis, RedisProperties redisProperties, EventsProperties properties) {
        return new RedisAccountEvents(redis, AccountStream.key(redisProperties.keyPrefix()), properties.maxLength());
    }

    @Bean
    @ConditionalOnMissingBean(AccountEvents.class)
    AccountEvents localAccountEvents(AccountErasure erasure) {
        return new LocalAccountEvents(erasure);
    }

    @Bean
    @ConditionalOnBean({RedissonClient.class, AccountDataEraser.class})
    @ConditionalOnMissingBean
    AccountEventConsumer accountEventConsumer(RedissonClient redis, RedisProperties redisProperties,
                                              EventsProperties properties, AccountErasure erasure, Environment environment) {
        String group = environment.getProperty("spring.application.name", "parley");
        return new AccountEventConsumer(redis, AccountStream.key(redisProperties.keyPrefix()), group, erasure, properties);
    }
}
