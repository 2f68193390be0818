package io.parley.auth.personalization;

import io.parley.auth.role.Roles;
import io.parley.auth.user.Users;
import io.parley.common.access.RolesClient;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * LibreChat's {@code PATCH /api/memories/preferences} ({@code api/server/routes/memories.js}): the caller
 * turns the use of their memories on or off. The gateway routes it here, not to chat-service with the
 * rest of {@code /api/memories}, because the switch lives on the user, where {@code GET /api/user} shows it.
 */
@RestController
class MemoryPreferencesController {

    private static final String NOT_BOOLEAN = "memories must be a boolean value.";

    private final Users users;
    private final Roles roles;
    private final boolean memoryDisabled;

    MemoryPreferencesController(Users users, Roles roles,
                                @Value("${librechat.memory.disabled:false}") boolean memoryDisabled) {
        this.users = users;
        this.roles = roles;
        this.memoryDisabled = memoryDisabled;
    }

    record Preferences(boolean memories) {
    }

    record Updated(boolean updated, Preferences preferences) {
    }

    /**
     * @throws ApiException.Forbidden without MEMORIES.USE and OPT_OUT, or when librechat.yaml's
     *                                {@code memory.disabled} is set (LibreChat then takes USE from every role)
     * @throws ApiException.Invalid   unless {@code memories} is a boolean; the message goes in {@code error}
     *                                too, where LibreChat puts it
     */
    @PatchMapping("/api/memories/preferences")
    Updated update(CurrentUser caller, @RequestBody(required = false) @Nullable JsonNode body) {
        if (memoryDisabled || !roles.allows(caller, "MEMORIES", "USE") || !roles.allows(caller, "MEMORIES", "OPT_OUT")) {
            throw new ApiException.Forbidden("forbidden", RolesClient.INSUFFICIENT);
        }
        JsonNode memories = body == null ? null : body.get("memories");
        if (memories == null || !memories.isBoolean()) {
            throw new ApiException.Invalid(NOT_BOOLEAN, NOT_BOOLEAN, List.of());
        }
        return users.setMemoriesEnabled(caller.tenantId(), caller.id(), memories.booleanValue())
                .map(user -> new Updated(true, new Preferences(user.memoriesEnabled())))
                .orElseThrow(() -> new ApiException.NotFound("User not found.", "User not found."));
    }
}
