package io.parley.common.redis;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Redis is. Without an address every Redis-backed mechanism falls back to this process's
 * memory, which is right for one instance on one machine and wrong for more.
 *
 * @param uri        {@code redis://host:port} (or {@code rediss://}); empty for none. Bound from {@code REDIS_URI}
 * @param configFile a Redisson YAML file for Sentinel or Cluster set-ups; wins over {@code uri}
 * @param keyPrefix  prepended to every key, so that installations can share a Redis
 * @param timeout    how long a request waits for the shared counters (limits, bans, revocations) before
 *                   it goes on without them; Redisson's own time-outs, longer, apply to everything else
 */
@ConfigurationProperties("parley.redis")
public record RedisProperties(@DefaultValue("") String uri, @DefaultValue("") String configFile,
                              @DefaultValue("parley:") String keyPrefix, @DefaultValue("300ms") Duration timeout) {

    @ConstructorBinding
    public RedisProperties {
    }

    public RedisProperties(String uri, String configFile, String keyPrefix) {
        this(uri, configFile, keyPrefix, Duration.ofMillis(300));
    }

    public boolean configured() {
        return !uri.isBlank() || !configFile.isBlank();
    }
}
