package io.parley.mcp.server;

import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/mcp/servers}: the servers a person may use by name (secrets left out), and LibreChat
 * 0.8.2's CRUD of user-managed ones ({@code {config}} bodies). The operator's servers cannot be
 * changed here (403).
 */
@RestController
@RequestMapping("/api/mcp/servers")
class ServerController {

    private final ServerRegistry registry;
    private final UserServers userServers;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;

    ServerController(ServerRegistry registry, UserServers userServers, ApplicationEventPublisher events, JsonMapper json) {
        this.registry = registry;
        this.userServers = userServers;
        this.events = events;
        this.json = json;
    }

    @GetMapping({"", "/"})
    Map<String, ServerView> list(CurrentUser caller) {
        Map<String, ServerView> out = new LinkedHashMap<>();
        registry.usableBy(caller).forEach((name, server) -> out.put(name, ServerView.of(server)));
        return out;
    }

    @GetMapping("/{serverName}")
    ServerView get(CurrentUser caller, @PathVariable String serverName) {
        return ServerView.of(registry.require(caller, serverName));
    }

    @PostMapping({"", "/"})
    @ResponseStatus(HttpStatus.CREATED)
    ServerView create(CurrentUser caller, @RequestBody(required = false) Map<String, Object> body) {
        Map<String, Object> given = body == null ? Map.of() : body;
        return ServerView.of(userServers.create(caller, given, config(given)));
    }

    /**
     * The body is read only once the caller may edit the server: a stranger's body, valid or not, is
     * answered as the server is (404 unseen, 403 without EDIT), never with a 400 about the body.
     */
    @PatchMapping("/{serverName}")
    ServerView update(CurrentUser caller, @PathVariable String serverName, @RequestBody(required = false) byte[] body) {
        ServerRef server = userManaged(caller, serverName);
        ServerRef changed = userServers.update(caller, server, () -> config(object(body)));
        events.publishEvent(new ServerChanged(server, false));
        return ServerView.of(changed);
    }

    @DeleteMapping("/{serverName}")
    Map<String, Object> delete(CurrentUser caller, @PathVariable String serverName) {
        ServerRef server = userManaged(caller, serverName);
        userServers.delete(caller, server);
        events.publishEvent(new ServerChanged(server, true));
        return Map.of("success", true, "serverName", serverName);
    }

    private ServerRef userManaged(CurrentUser caller, String serverName) {
        ServerRef server = registry.require(caller, serverName);
        if (!server.userManaged()) {
            throw new ApiException.Forbidden("Forbidden", "Servers from the configuration file cannot be changed here");
        }
        return server;
    }

    /** As the common handler answers a body Spring could not read; nothing at all is an empty object. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> object(byte[] body) {
        if (body == null || body.length == 0) {
            return Map.of();
        }
        try {
            Map<String, Object> parsed = json.readValue(body, Map.class);
            return parsed == null ? Map.of() : parsed;
        } catch (JacksonException e) {
            throw new ApiException.Invalid("invalid_json", "The request body contains malformed JSON", List.of());
        }
    }

    private ServerConfig config(Map<String, Object> body) {
        if (!(body.get("config") instanceof Map<?, ?> config)) {
            throw new ApiException.Invalid("Invalid configuration", "Invalid configuration",
                    List.of(new ApiException.FieldProblem("config", "is required")));
        }
        try {
            return json.convertValue(config, ServerConfig.class);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new ApiException.Invalid("Invalid configuration", "Invalid configuration",
                    List.of(new ApiException.FieldProblem("config", "has a field of the wrong type")));
        }
    }
}
