package io.parley.agent.definition;

import io.parley.agent.support.Message;
import io.parley.common.access.AccessClient;
import io.parley.common.body.UnreadBody;
import io.parley.common.security.CurrentUser;
import java.util.List;
import org.jspecify.annotations.Nullable;
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
import tools.jackson.databind.node.ObjectNode;

/** LibreChat's agent routes ({@code api/server/routes/agents/v1.js}) under {@code /api/agents}. */
@RestController
@RequestMapping("/api/agents")
class AgentController {

    private final Agents agents;
    private final AgentEditing editing;

    AgentController(Agents agents, AgentEditing editing) {
        this.agents = agents;
        this.editing = editing;
    }

    /** LibreChat's answer to a duplicate: the copy, and the copies of its actions (Parley has none). */
    record Duplicated(AgentView agent, List<String> actions) {
    }

    /**
     * As LibreChat reads the query: {@code requiredPermission} not a number 1–15 means VIEW,
     * {@code limit} is clamped to 1–1000 (absent: 1000), {@code promoted} is {@code 1} or {@code 0}.
     */
    @GetMapping({"", "/"})
    AgentPage<AgentListItem> list(CurrentUser caller, @RequestParam(required = false) @Nullable String requiredPermission,
                                  @RequestParam(required = false) @Nullable String category,
                                  @RequestParam(required = false) @Nullable String search,
                                  @RequestParam(required = false) @Nullable String promoted,
                                  @RequestParam(required = false) @Nullable String cursor,
                                  @RequestParam(required = false) @Nullable String limit) {
        return agents.list(caller, permission(requiredPermission), ListQuery.filter(category, search, promoted), cursor,
                ListQuery.limit(limit, Agents.MAX_LIMIT, Agents.MAX_LIMIT));
    }

    /** Any caller may send a body (no agent to protect yet), so Spring reads it: malformed JSON is a 400 first. */
    @PostMapping({"", "/"})
    @ResponseStatus(HttpStatus.CREATED)
    AgentView create(CurrentUser caller, @RequestBody(required = false) @Nullable ObjectNode body) {
        return editing.create(caller, body);
    }

    @GetMapping("/{id}")
    ReducedAgentView get(CurrentUser caller, @PathVariable String id) {
        return agents.get(caller, id);
    }

    @GetMapping("/{id}/expanded")
    AgentView expanded(CurrentUser caller, @PathVariable String id) {
        return agents.expanded(caller, id);
    }

    /** The body is read only once the caller may edit the agent (see {@link UnreadBody}). */
    @PatchMapping("/{id}")
    AgentView update(CurrentUser caller, @PathVariable String id, @RequestBody(required = false) byte @Nullable [] body) {
        return editing.update(caller, id, new UnreadBody(body));
    }

    @PostMapping("/{id}/duplicate")
    @ResponseStatus(HttpStatus.CREATED)
    Duplicated duplicate(CurrentUser caller, @PathVariable String id) {
        return new Duplicated(editing.duplicate(caller, id), List.of());
    }

    /** The body is read only once the caller may edit the agent (see {@link UnreadBody}). */
    @PostMapping("/{id}/revert")
    AgentView revert(CurrentUser caller, @PathVariable String id, @RequestBody(required = false) byte @Nullable [] body) {
        return editing.revert(caller, id, new UnreadBody(body));
    }

    @DeleteMapping("/{id}")
    Message delete(CurrentUser caller, @PathVariable String id) {
        editing.delete(caller, id);
        return new Message("Agent deleted");
    }

    private static int permission(@Nullable String requiredPermission) {
        try {
            int bits = Integer.parseInt(requiredPermission == null ? "" : requiredPermission.trim());
            return bits >= 1 && bits <= 15 ? bits : AccessClient.VIEW;
        } catch (NumberFormatException e) {
            return AccessClient.VIEW;
        }
    }
}
