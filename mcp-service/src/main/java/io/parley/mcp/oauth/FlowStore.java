package io.parley.mcp.oauth;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Where started sign-ins wait for their callback: Redis where it is configured (any instance may get the callback), else memory. */
interface FlowStore {

    void put(String key, byte[] value, Duration ttl);

    @Nullable byte[] get(String key);

    /** Removes and returns the value in one step, so that of two takers only one gets it. */
    @Nullable byte[] take(String key);

    void delete(String key);
}
