package io.parley.agent.sharing;

import io.parley.agent.support.Message;
import io.parley.common.body.UnreadBody;
import io.parley.common.security.CurrentUser;
import org.jspecify.annotations.Nullable;
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

/** The specification's sharing routes: {@code /api/agents/:id/access} and {@code /api/agents/:id/share[/:shareId]}. */
@RestController
@RequestMapping("/api/agents/{id}")
class ShareController {

    private final AgentSharing sharing;

    ShareController(AgentSharing sharing) {
        this.sharing = sharing;
    }

    @GetMapping("/access")
    AgentShares access(CurrentUser caller, @PathVariable String id) {
        return sharing.read(caller, id);
    }

    /** Bodies are read only once the caller may share the agent (see {@link UnreadBody}). */
    @PostMapping("/share")
    @ResponseStatus(HttpStatus.CREATED)
    Share share(CurrentUser caller, @PathVariable String id, @RequestBody(required = false) byte @Nullable [] body) {
        return sharing.share(caller, id, new UnreadBody(body));
    }

    @PatchMapping("/share/{shareId}")
    Share change(CurrentUser caller, @PathVariable String id, @PathVariable String shareId,
                 @RequestBody(required = false) byte @Nullable [] body) {
        return sharing.change(caller, id, shareId, new UnreadBody(body));
    }

    @DeleteMapping("/share/{shareId}")
    Message remove(CurrentUser caller, @PathVariable String id, @PathVariable String shareId) {
        sharing.remove(caller, id, shareId);
        return new Message("Share removed");
    }
}
