package io.parley.agent.definition;

import io.parley.common.access.AccessClient;
import io.parley.common.security.CurrentUser;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** LibreChat's agent routes ({@code api/server/routes/agents/v1.js}) under {@code /api/agents}. */
@RestController
@RequestMapping("/api/agents")
class AgentController {

    private final Agents agents;
    private final JsonMapper json;

    AgentController(Agents agents, JsonMapper json) {
        this.agents = agents;
        this.json = json;
    }

    /**
     * As LibreChat reads the query: {@code requiredPermission} not a number 1–15 means VIEW,
     * {@code limit} is clamped to 1–1000 (absent: 1000), {@code promoted} is {@code 1} or {@code 0}.
     */
    @GetMapping({"", "/"})
    Agents.Page list(CurrentUser caller, @RequestParam(required = false) String requiredPermission,
                     @RequestParam(required = false) String category, @RequestParam(required = false) String search,
                     @RequestParam(required = false) String promoted, @RequestParam(required = false) String cursor,
                     @RequestParam(required = false) String limit) {
        return agents.list(caller, permission(requiredPermission), ListQuery.filter(category, search, promoted), cursor,
                ListQuery.limit(limit, Agents.MAX_LIMIT, Agents.MAX_LIMIT));
    }

    @PostMapping({"", "/"})
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> create(CurrentUser caller, @RequestBody(required = false) Map<String, Object> body) {
        return agents.create(caller, body);
    }

    @GetMapping("/{id}")
    Map<String, Object> get(CurrentUser caller, @PathVariable String id) {
        return agents.get(caller, id);
    }

    @GetMapping("/{id}/expanded")
    Map<String, Object> expanded(CurrentUser caller, @PathVariable String id) {
        return agents.expanded(caller, id);
    }

    /** The body is read only once the caller may edit the agent (see {@link UnreadBody}). */
    @PatchMapping("/{id}")
    Map<String, Object> update(CurrentUser caller, @PathVariable String id, @RequestBody(required = false) byte[] body) {
        return agents.update(caller, id, new UnreadBody(body, json));
    }

    @PostMapping("/{id}/duplicate")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> duplicate(CurrentUser caller, @PathVariable String id) {
        return agents.duplicate(caller, id);
    }

    /** The body is read only once the caller may edit the agent (see {@link UnreadBody}). */
    @PostMapping("/{id}/revert")
    Map<String, Object> revert(CurrentUser caller, @PathVariable String id, @RequestBody(required = false) byte[] body) {
        return agents.revert(caller, id, new UnreadBody(body, json));
    }

    @DeleteMapping("/{id}")
    Map<String, String> delete(CurrentUser caller, @PathVariable String id) {
        agents.delete(caller, id);
        return Map.of("message", "Agent deleted");
    }

    private static int permission(String requiredPermission) {
        try {
            int bits = Integer.parseInt(requiredPermission == null ? "" : requiredPermission.trim());
            return bits >= 1 && bits <= 15 ? bits : AccessClient.VIEW;
        } catch (NumberFormatException e) {
            return AccessClient.VIEW;
        }
    }
}
