package io.parley.mcp.account;

import io.parley.common.events.AccountDataEraser;
import io.parley.mcp.connection.Connections;
import io.parley.mcp.server.ServerRef;
import io.parley.mcp.server.UserServers;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What mcp-service keeps about a deleted account: the servers they added (and every connection to
 * them) and their own per-person connections. Shared connections to the operator's servers name
 * nobody and stay. The ACL entries of the erased servers stay in auth-service (revoking needs the
 * person's token, gone by now); they point at nothing, since every route finds the server here first.
 */
@Component
class McpAccountEraser implements AccountDataEraser {

    private static final Logger log = LoggerFactory.getLogger(McpAccountEraser.class);

    private final UserServers userServers;
    private final Connections connections;

    McpAccountEraser(UserServers userServers, Connections connections) {
        this.userServers = userServers;
        this.connections = connections;
    }

    @Override
    public void erase(String tenantId, String userId) {
        List<ServerRef> servers = userServers.deleteAuthoredBy(tenantId, userId);
        servers.forEach(connections::closeAll);
        int closed = connections.closeFor(tenantId, userId);
        log.info("MCP data erased tenant_id={} user_id={} servers={} connections={}", tenantId, userId, servers.size(), closed);
    }
}
