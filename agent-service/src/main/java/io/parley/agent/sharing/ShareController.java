package io.parley.agent.sharing;

import io.parley.agent.definition.UnreadBody;
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
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** The specification's sharing routes: {@code /api/agents/:id/access} and {@code /api/agents/:id/share[/:shareId]}. */
@RestController
@RequestMapping("/api/agents/{id}")
class ShareController {

    private final AgentSharing sharing;
    private final JsonMapper json;

    ShareController(AgentSharing sharing, JsonMapper json) {
        this.sharing = sharing;
        this.json = json;
    }

    @GetMapping("/access")
    Map<String, Object> access(CurrentUser caller, @PathVariable String id) {
        return sharing.read(caller, id);
    }

    /** Bodies are read only once the caller may share the agent (see {@link UnreadBody}). */
    @PostMapping("/share")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> share(CurrentUser caller, @PathVariable String id, @RequestBody(required = false) byte[] body) {
        return sharing.share(caller, id, new UnreadBody(body, json));
    }

    @PatchMapping("/share/{shareId}")
    Map<String, Object> change(CurrentUser caller, @PathVariable String id, @PathVariable String shareId,
                               @RequestBody(required = false) byte[] body) {
        return sharing.change(caller, id, shareId, new UnreadBody(body, json));
    }

    @DeleteMapping("/share/{shareId}")
    Map<String, String> remove(CurrentUser caller, @PathVariable String id, @PathVariable String shareId) {
        sharing.remove(caller, id, shareId);
        return Map.of("message", "Share removed");
    }
}
