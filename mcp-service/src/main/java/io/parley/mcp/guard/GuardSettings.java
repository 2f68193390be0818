package io.parley.mcp.guard;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * librechat.yaml's {@code mcpSettings}.
 *
 * @param allowedDomains host names, or {@code *.example.com}, that outbound connections may reach even
 *                       when they resolve to loopback or private addresses
 */
@ConfigurationProperties("librechat.mcp-settings")
public record GuardSettings(List<String> allowedDomains) {

    public GuardSettings {
        allowedDomains = allowedDomains == null ? List.of() : List.copyOf(allowedDomains);
    }
}
