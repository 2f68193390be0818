package io.parley.agent.sharing;

import io.parley.common.error.ApiException;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/agents/:id/share}: {@code {type, id?, accessRoleId}}, {@code id} for a user,
 * group or role, none for {@code public}. Which roles exist is auth-service's to check.
 */
record ShareRequest(@NotNull(message = TYPES) @Pattern(regexp = "user|group|role|public", message = TYPES) String type,
                    @Nullable String id, @Nullable String accessRoleId) {

    private static final String TYPES = "must be one of user, group, role, public";

    /**
     * The share this names: {@code public}, or {@code <type>:<id>}.
     *
     * @throws ApiException.Invalid when a principal's {@code id} is missing or longer than 100 characters
     */
    String shareId() {
        if (type.equals("public")) {
            return "public";
        }
        if (id == null || id.isBlank() || id.length() > 100) {
            throw ApiException.Invalid.field("id", "is required for a " + type);
        }
        return type + ":" + id;
    }
}
