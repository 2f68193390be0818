package io.parley.mcp.connection;

import io.parley.common.security.CurrentUser;
import io.parley.mcp.server.ServerRef;
import io.parley.mcp.server.ServerRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** LibreChat's connection routes ({@code api/server/routes/mcp.js}): status, reinitialize, auth-values. */
@RestController
@RequestMapping("/api/mcp")
class ConnectionController {

    /** LibreChat's default OAuth flow timeout, ms; OAuth for MCP servers is not served yet. */
    static final long OAUTH_TIMEOUT_MS = 180_000;

    private final ServerRegistry registry;
    private final Connections connections;

    ConnectionController(ServerRegistry registry, Connections connections) {
        this.registry = registry;
        this.connections = connections;
    }

    @GetMapping("/connection/status")
    Map<String, Object> status(CurrentUser caller) {
        Map<String, Object> states = new LinkedHashMap<>();
        registry.usableBy(caller).forEach((name, server) -> states.put(name, statusOf(caller, server)));
        return Map.of("success", true, "connectionStatus", states, "oauthTimeout", OAUTH_TIMEOUT_MS);
    }

    @GetMapping("/connection/status/{serverName}")
    Map<String, Object> status(CurrentUser caller, @PathVariable String serverName) {
        Map<String, Object> status = statusOf(caller, registry.require(caller, serverName));
        return Map.of("success", true, "serverName", serverName, "connectionStatus", status.get("connectionState"),
                "requiresOAuth", status.get("requiresOAuth"));
    }

    @PostMapping("/{serverName}/reinitialize")
    Map<String, Object> reinitialize(CurrentUser caller, @PathVariable String serverName) {
        connections.reinitialize(caller, registry.require(caller, serverName));
        return Map.of("success", true, "message", "MCP server '" + serverName + "' reinitialized successfully",
                "serverName", serverName, "oauthRequired", false);
    }

    /** Which of the server's custom user variables the person has set (never their values). */
    @GetMapping("/{serverName}/auth-values")
    Map<String, Object> authValues(CurrentUser caller, @PathVariable String serverName) {
        ServerRef server = registry.require(caller, serverName);
        Map<String, Boolean> flags = new LinkedHashMap<>();
        // per-person variable values are not stored yet: every variable reads as unset
        server.config().customUserVars().keySet().forEach(name -> flags.put(name, false));
        return Map.of("success", true, "serverName", serverName, "authValueFlags", flags);
    }

    private Map<String, Object> statusOf(CurrentUser caller, ServerRef server) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("connectionState", connections.state(caller, server).wire());
        status.put("requiresOAuth", Boolean.TRUE.equals(server.config().requiresOAuth()));
        String error = connections.error(caller, server);
        if (error != null) {
            status.put("error", error);
        }
        return status;
    }
}
