package io.parley.auth.role;

import io.parley.auth.user.UserView;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * LibreChat's {@code /api/roles}: read a role, change one feature's permissions
 * ({@code PUT /api/roles/:roleName/prompts} etc., a partial object of booleans), plus the seed's
 * list ({@code GET /api/roles}) and assignment ({@code POST /api/roles {userId, role}}).
 */
@RestController
class RoleController {

    /** LibreChat's route segments and the permission type each one changes. */
    private static final Map<String, String> FEATURES = Map.of(
            "prompts", "PROMPTS",
            "agents", "AGENTS",
            "memories", "MEMORIES",
            "people-picker", "PEOPLE_PICKER",
            "mcp-servers", "MCP_SERVERS",
            "marketplace", "MARKETPLACE");

    private final Roles roles;

    RoleController(Roles roles) {
        this.roles = roles;
    }

    @GetMapping({"/api/roles", "/api/roles/"})
    List<RoleView> list(CurrentUser caller) {
        return roles.list(caller);
    }

    @GetMapping("/api/roles/{roleName}")
    RoleView read(CurrentUser caller, @PathVariable String roleName) {
        return roles.read(caller, roleName);
    }

    @PutMapping("/api/roles/{roleName}/{feature}")
    RoleView update(CurrentUser caller, @PathVariable String roleName, @PathVariable String feature,
                    @RequestBody(required = false) Map<String, Object> body) {
        String type = FEATURES.get(feature);
        if (type == null) {
            throw new ApiException.NotFound("Endpoint not found");
        }
        return roles.update(caller, roleName, type, body);
    }

    record AssignRequest(String userId, String role) {
    }

    @PostMapping({"/api/roles", "/api/roles/"})
    UserView assign(CurrentUser caller, @RequestBody(required = false) AssignRequest body) {
        if (body == null) {
            throw new ApiException.Invalid("userId and role are required");
        }
        return UserView.of(roles.assign(caller, body.userId(), body.role()));
    }
}
