package io.parley.mcp.oauth;

import io.parley.common.crypto.AesGcmSealer;
import io.parley.common.redis.RedisProperties;
import io.parley.mcp.server.ServerSecrets;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Started sign-ins, sealed (the PKCE verifier and a registered client's secret never sit in Redis in
 * the clear), under two keys: the person's flow for the server ({@code flow:<tenant>|<user>|<server>})
 * and its {@code state} ({@code state:<state>} → that key), which the callback takes once.
 */
@Component
class Flows {

    private static final Logger log = LoggerFactory.getLogger(Flows.class);
    private static final String KIND = "oauth-flow";

    private final FlowStore store;
    private final ServerSecrets secrets;

    Flows(ObjectProvider<RedissonClient> redis, RedisProperties redisProperties, ServerSecrets secrets) {
        RedissonClient client = redis.getIfAvailable();
        this.store = client == null ? new LocalFlowStore() : new RedisFlowStore(client, redisProperties.keyPrefix() + "mcp:oauth:");
        this.secrets = secrets;
    }

    /** Saves a started flow under both keys; it replaces the person's earlier flow for the server. */
    void start(Flow flow, Duration ttl) {
        Flow earlier = byKey(flow.key()).orElse(null);
        if (earlier != null && !earlier.state().isEmpty()) {
            store.delete("state:" + earlier.state());
        }
        store.put("flow:" + flow.key(), seal(flow), ttl);
        store.put("state:" + flow.state(), flow.key().getBytes(StandardCharsets.UTF_8), ttl);
    }

    /** Replaces a flow's record (its outcome), keeping it readable for {@code ttl}. */
    void update(Flow flow, Duration ttl) {
        if (!ttl.isNegative() && !ttl.isZero()) {
            store.put("flow:" + flow.key(), seal(flow), ttl);
        }
    }

    Optional<Flow> byKey(String key) {
        byte[] sealed = store.get("flow:" + key);
        if (sealed == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(secrets.openJson(sealed, Flow.class, KIND, key));
        } catch (AesGcmSealer.Unreadable | tools.jackson.core.JacksonException e) {
            log.warn("An unreadable MCP sign-in was dropped");
            store.delete("flow:" + key);
            return Optional.empty();
        }
    }

    /** The flow whose state this is, without using the state up. */
    Optional<Flow> byState(String state) {
        byte[] key = store.get("state:" + state);
        return key == null ? Optional.empty() : byKey(new String(key, StandardCharsets.UTF_8))
                .filter(flow -> flow.state().equals(state));
    }

    /** Uses the state up: true for exactly one caller. */
    boolean claim(String state) {
        return store.take("state:" + state) != null;
    }

    /** Forgets the state (a cancelled or failed flow can no longer be completed). */
    void dropState(String state) {
        if (!state.isEmpty()) {
            store.delete("state:" + state);
        }
    }

    private byte[] seal(Flow flow) {
        return secrets.sealJson(flow, KIND, flow.key());
    }
}
