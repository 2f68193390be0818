package io.parley.mcp.uservar;

import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import io.parley.mcp.connection.Connections;
import io.parley.mcp.oauth.OAuthTokens;
import io.parley.mcp.server.ServerRef;
import io.parley.mcp.server.ServerRegistry;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * LibreChat's {@code POST /api/user/plugins}, which its client uses to save an MCP server's custom
 * user variables ({@code pluginKey} {@code mcp_<server>}) and to revoke access to it ({@code uninstall}:
 * the variables and, for a server people sign in to, their OAuth tokens, revoked at the authorization
 * server too); the gateway sends that path here. Parley has no other plugins, so any other key is a 400.
 */
@RestController
class PluginsController {

    static final String MCP_PREFIX = "mcp_";

    private final ServerRegistry registry;
    private final UserVars userVars;
    private final Connections connections;
    private final OAuthTokens tokens;

    PluginsController(ServerRegistry registry, UserVars userVars, Connections connections, OAuthTokens tokens) {
        this.registry = registry;
        this.userVars = userVars;
        this.connections = connections;
        this.tokens = tokens;
    }

    record PluginRequest(String pluginKey, String action, Map<String, Object> auth) {
    }

    @PostMapping("/api/user/plugins")
    ResponseEntity<Void> update(CurrentUser caller, @RequestBody(required = false) PluginRequest body) {
        if (body == null || body.pluginKey() == null || !body.pluginKey().startsWith(MCP_PREFIX)) {
            throw ApiException.Invalid.field("pluginKey", "must name an MCP server as mcp_<serverName>");
        }
        ServerRef server = registry.require(caller, body.pluginKey().substring(MCP_PREFIX.length()));
        switch (body.action() == null ? "" : body.action()) {
            case "install" -> userVars.set(caller, server, body.auth());
            case "uninstall" -> {
                userVars.clear(caller, server);
                tokens.revoke(caller, server);
            }
            default -> throw ApiException.Invalid.field("action", "must be install or uninstall");
        }
        // The person's connections were opened with the old values.
        connections.closeFor(caller.tenantId(), caller.id());
        return ResponseEntity.ok().build();
    }
}
