package io.parley.mcp.server;

import io.parley.common.security.CurrentUser;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/mcp/servers} (by name, as LibreChat keys them) and {@code GET /api/mcp/servers/:serverName}, secrets left out. */
@RestController
@RequestMapping("/api/mcp/servers")
class ServerController {

    private final ServerRegistry registry;

    ServerController(ServerRegistry registry) {
        this.registry = registry;
    }

    @GetMapping({"", "/"})
    Map<String, ServerView> list(CurrentUser caller) {
        Map<String, ServerView> out = new LinkedHashMap<>();
        registry.usableBy(caller).forEach((name, config) -> out.put(name, ServerView.of(name, config, "config")));
        return out;
    }

    @GetMapping("/{serverName}")
    ServerView get(CurrentUser caller, @PathVariable String serverName) {
        return ServerView.of(serverName, registry.require(caller, serverName), "config");
    }
}
