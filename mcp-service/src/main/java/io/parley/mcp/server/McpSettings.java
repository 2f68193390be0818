package io.parley.mcp.server;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * librechat.yaml's {@code mcpServers}: the operator's servers ({@code mcpSettings} is the outbound
 * guard's, {@link io.parley.mcp.guard.GuardSettings}).
 */
@ConfigurationProperties("librechat")
public record McpSettings(Map<String, ServerConfig> mcpServers) {

    public McpSettings {
        mcpServers = mcpServers == null ? Map.of() : Map.copyOf(mcpServers);
    }
}
