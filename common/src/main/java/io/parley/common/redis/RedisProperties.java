package io.parley.common.redis;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Redis is. Without an address every Redis-backed mechanism falls back to this process's
 * memory, which is right for one instance on one machine and wrong for more.
 *
 * @param uri        {@code redis://host:port} (or {@code rediss://}); empty for none. Bound from {@code REDIS_URI}
 * @param configFile a Redisson YAML file for Sentinel or Cluster set-ups; wins over {@code uri}
 * @param keyPrefix  prepended to every key, so that installations can share a Redis
 */
@ConfigurationProperties("parley.redis")
public record RedisProperties(@DefaultValue("") String uri, @DefaultValue("") String configFile,
                              @DefaultValue("parley:") String keyPrefix) {

    public boolean configured() {
        return !uri.isBlank() || !configFile.isBlank();
    }
}
