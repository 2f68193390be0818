package io.parley.mcp.connection;

import io.parley.common.security.CurrentUser;
import io.parley.mcp.server.ServerRef;
import io.parley.mcp.server.ServerRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * LibreChat's connection routes ({@code api/server/routes/mcp.js}): status and auth-values
 * (reinitialize, which may start a sign-in, is {@code oauth}'s).
 */
@RestController
@RequestMapping("/api/mcp")
class ConnectionController {

    private final ServerRegistry registry;
    private final Connections connections;
    private final UserVarFlags userVars;
    /** How long a sign-in waits for its callback, ms (LibreChat's {@code oauthTimeout}). */
    private final long oauthTimeoutMs;

    ConnectionController(ServerRegistry registry, Connections connections, UserVarFlags userVars,
                         @Value("${parley.mcp.oauth.flow-timeout:3m}") Duration oauthTimeout) {
        this.registry = registry;
        this.connections = connections;
        this.userVars = userVars;
        this.oauthTimeoutMs = oauthTimeout.toMillis();
    }

    @GetMapping("/connection/status")
    Map<String, Object> status(CurrentUser caller) {
        Map<String, Object> states = new LinkedHashMap<>();
        registry.usableBy(caller).forEach((name, server) -> states.put(name, statusOf(caller, server)));
        return Map.of("success", true, "connectionStatus", states, "oauthTimeout", oauthTimeoutMs);
    }

    @GetMapping("/connection/status/{serverName}")
    Map<String, Object> status(CurrentUser caller, @PathVariable String serverName) {
        Map<String, Object> status = statusOf(caller, registry.require(caller, serverName));
        return Map.of("success", true, "serverName", serverName, "connectionStatus", status.get("connectionState"),
                "requiresOAuth", status.get("requiresOAuth"));
    }

    /** Which of the server's custom user variables the person has set (never their values). */
    @GetMapping("/{serverName}/auth-values")
    Map<String, Object> authValues(CurrentUser caller, @PathVariable String serverName) {
        ServerRef server = registry.require(caller, serverName);
        return Map.of("success", true, "serverName", serverName, "authValueFlags", userVars.flags(caller, server));
    }

    private Map<String, Object> statusOf(CurrentUser caller, ServerRef server) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("connectionState", connections.state(caller, server).wire());
        status.put("requiresOAuth", server.config().usesOAuth());
        String error = connections.error(caller, server);
        if (error != null) {
            status.put("error", error);
        }
        return status;
    }
}
