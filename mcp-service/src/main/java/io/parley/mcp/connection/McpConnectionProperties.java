package io.parley.mcp.connection;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param idleTimeout     a connection unused this long is closed (opened again on next use)
 * @param backoffInitial  the wait after a failed connect before the next attempt; doubles per failure
 * @param backoffMax      the longest wait between attempts
 */
@ConfigurationProperties("parley.mcp.connections")
public record McpConnectionProperties(@DefaultValue("15m") Duration idleTimeout,
                                      @DefaultValue("1s") Duration backoffInitial,
                                      @DefaultValue("60s") Duration backoffMax) {
}
