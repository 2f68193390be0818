package io.parley.mcp.server;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * librechat.yaml's MCP sections: the operator's {@code mcpServers} and {@code mcpSettings}
 * ({@code allowedDomains}: host names, or {@code *.example.com}, that outbound connections may reach
 * even when they resolve to loopback or private addresses).
 */
@ConfigurationProperties("librechat")
public record McpSettings(Map<String, ServerConfig> mcpServers, Settings mcpSettings) {

    public McpSettings {
        mcpServers = mcpServers == null ? Map.of() : Map.copyOf(mcpServers);
        mcpSettings = mcpSettings == null ? new Settings(List.of()) : mcpSettings;
    }

    public record Settings(List<String> allowedDomains) {
        public Settings {
            allowedDomains = allowedDomains == null ? List.of() : List.copyOf(allowedDomains);
        }
    }
}
