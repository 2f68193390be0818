package io.parley.agent.sharing;

import jakarta.validation.constraints.NotBlank;

/** The body of {@code PATCH /api/agents/:id/share/:shareId}: {@code {accessRoleId}}. */
record RoleChange(@NotBlank(message = "is required") String accessRoleId) {
}
