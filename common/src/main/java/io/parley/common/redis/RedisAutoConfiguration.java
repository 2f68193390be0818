package io.parley.common.redis;

import java.io.File;
import java.io.IOException;
import java.time.Clock;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Redisson when Redis is configured; the in-memory fallbacks otherwise. */
@AutoConfiguration
@EnableConfigurationProperties({RedisProperties.class, BanProperties.class})
public class RedisAutoConfiguration {

    @Bean(destroyMethod = "shutdown")
    @ConditionalOnMissingBean
    @ConditionalOnExpression("'${parley.redis.uri:}' != '' or '${parley.redis.config-file:}' != ''")
    RedissonClient redissonClient(RedisProperties properties) throws IOException {
        Config config;
        if (!properties.configFile().isBlank()) {
            config = Config.fromYAML(new File(properties.configFile()));
        } else {
            config = new Config();
            config.useSingleServer().setAddress(properties.uri());
        }
        return Redisson.create(config);
    }

    @Bean
    @ConditionalOnBean(RedissonClient.class)
    @ConditionalOnMissingBean
    WindowCounter redisWindowCounter(RedissonClient redisson, RedisProperties properties) {
        return new RedisCircuit(new RedisWindowCounter(redisson, properties.keyPrefix()), properties.timeout());
    }

    @Bean
    @ConditionalOnMissingBean
    WindowCounter localWindowCounter() {
        return new LocalWindowCounter(Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    Revocations revocations(WindowCounter counters) {
        return new Revocations(counters);
    }

    @Bean
    @ConditionalOnMissingBean
    Standings standings(WindowCounter counters, Revocations revocations, Violations violations) {
        return new Standings(counters, revocations, violations, Standings.FRESH_FOR);
    }

    @Bean
    @ConditionalOnMissingBean
    Violations violations(WindowCounter counters, BanProperties bans) {
        return new Violations(counters, bans);
    }
}
