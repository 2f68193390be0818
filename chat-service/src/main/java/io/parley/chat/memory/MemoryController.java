package io.parley.chat.memory;

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

/**
 * LibreChat's {@code /api/memories} routes, keys URL-encoded in paths. {@code PATCH /api/memories/preferences}
 * (the opt-out) is auth-service's: the gateway sends it there, since the switch is kept on the user.
 */
@RestController
@RequestMapping("/api/memories")
class MemoryController {

    private final Memories memories;

    MemoryController(Memories memories) {
        this.memories = memories;
    }

    @GetMapping({"", "/"})
    Memories.Listing list(CurrentUser caller) {
        return memories.list(caller);
    }

    record Created(boolean created, Memory memory) {
    }

    @PostMapping({"", "/"})
    @ResponseStatus(HttpStatus.CREATED)
    Created create(CurrentUser caller, @RequestBody(required = false) @Nullable MemoryRequest body) {
        return new Created(true, memories.create(caller, body == null ? MemoryRequest.EMPTY : body));
    }

    record Updated(boolean updated, Memory memory) {
    }

    @PatchMapping("/{key}")
    Updated update(CurrentUser caller, @PathVariable String key, @RequestBody(required = false) @Nullable MemoryRequest body) {
        return new Updated(true, memories.update(caller, key, body == null ? MemoryRequest.EMPTY : body));
    }

    record Deleted(boolean deleted) {
    }

    @DeleteMapping("/{key}")
    Deleted delete(CurrentUser caller, @PathVariable String key) {
        memories.delete(caller, key);
        return new Deleted(true);
    }
}
