package io.parley.mcp.account;

import io.parley.common.events.AccountDataEraser;
import io.parley.mcp.connection.Connections;
import io.parley.mcp.oauth.OAuthTokens;
import io.parley.mcp.server.ServerRef;
import io.parley.mcp.server.UserServers;
import io.parley.mcp.uservar.UserVars;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What mcp-service keeps about a deleted account: the servers they added (and every connection to
 * them and everyone's OAuth tokens for them), their values of servers' custom user variables, their
 * OAuth tokens (revoked at the authorization servers where they allow it) and their own per-person
 * connections. Shared connections to the operator's servers name nobody and stay. The ACL entries of
 * the erased servers stay in auth-service (revoking needs the person's token, gone by now); they point
 * at nothing, since every route finds the server here first. A sign-in the person left pending expires
 * with its flow.
 */
@Component
class McpAccountEraser implements AccountDataEraser {

    private static final Logger log = LoggerFactory.getLogger(McpAccountEraser.class);

    private final UserServers userServers;
    private final Connections connections;
    private final UserVars userVars;
    private final OAuthTokens tokens;

    McpAccountEraser(UserServers userServers, Connections connections, UserVars userVars, OAuthTokens tokens) {
        this.userServers = userServers;
        this.connections = connections;
        this.userVars = userVars;
        this.tokens = tokens;
    }

    @Override
    public void erase(String tenantId, String userId) {
        List<ServerRef> servers = userServers.deleteAuthoredBy(tenantId, userId);
        servers.forEach(connections::closeAll);
        servers.forEach(server -> tokens.forgetServer(tenantId, server));
        int closed = connections.closeFor(tenantId, userId);
        userVars.forget(tenantId, userId);
        int signIns = tokens.forgetPerson(tenantId, userId);
        log.info("MCP data erased tenant_id={} user_id={} servers={} connections={} sign_ins={}", tenantId, userId,
                servers.size(), closed, signIns);
    }
}
