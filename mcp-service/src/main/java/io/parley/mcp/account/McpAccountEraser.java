package io.parley.mcp.account;

import io.parley.common.events.AccountDataEraser;
import io.parley.mcp.connection.Connections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What mcp-service keeps about a deleted account: its own connections (to servers whose connections
 * are per person). Shared connections name nobody and stay. Servers and variables a person stores
 * will be erased here too once they are stored.
 */
@Component
class McpAccountEraser implements AccountDataEraser {

    private static final Logger log = LoggerFactory.getLogger(McpAccountEraser.class);

    private final Connections connections;

    McpAccountEraser(Connections connections) {
        this.connections = connections;
    }

    @Override
    public void erase(String tenantId, String userId) {
        int closed = connections.closeFor(tenantId, userId);
        log.info("MCP data erased tenant_id={} user_id={} connections={}", tenantId, userId, closed);
    }
}
