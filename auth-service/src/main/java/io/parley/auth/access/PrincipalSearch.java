package io.parley.auth.access;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.parley.auth.group.Groups;
import io.parley.auth.role.Roles;
import io.parley.auth.user.Users;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * LibreChat's people picker: users, groups and roles of the caller's tenant whose name (users also
 * username or e-mail) starts with the query. Each kind needs its {@code PEOPLE_PICKER} permission
 * (VIEW_USERS, VIEW_GROUPS, VIEW_ROLES); without a {@code types} filter the kinds the caller may see
 * are searched.
 */
@Service
class PrincipalSearch {

    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 50;
    private static final Map<String, String> PERMISSION_OF =
            Map.of("user", "VIEW_USERS", "group", "VIEW_GROUPS", "role", "VIEW_ROLES");
    private static final List<String> TYPES = List.of("user", "group", "role");

    private final Users users;
    private final Groups groups;
    private final Roles roles;

    PrincipalSearch(Users users, Groups groups, Roles roles) {
        this.users = users;
        this.groups = groups;
        this.roles = roles;
    }

    Found search(CurrentUser caller, String query, String limitParam, String typesParam) {
        String q = query == null ? "" : query.trim();
        if (q.isEmpty()) {
            throw ApiException.Invalid.field("q", "is required");
        }
        if (q.length() < 2 || q.length() > 100) {
            throw ApiException.Invalid.field("q", "must be 2 to 100 characters");
        }
        int limit = limit(limitParam);
        List<String> types = requestedTypes(typesParam);
        List<String> searched = new ArrayList<>();
        for (String type : types) {
            if (roles.allows(caller, "PEOPLE_PICKER", PERMISSION_OF.get(type))) {
                searched.add(type);
            } else if (typesParam != null) {
                throw new ApiException.Forbidden("Forbidden", "Insufficient permissions to search for " + type + "s");
            }
        }
        if (searched.isEmpty()) {
            throw new ApiException.Forbidden("Forbidden", "Insufficient permissions to search for principals");
        }
        String tenantId = caller.tenantId();
        List<Result> results = new ArrayList<>();
        if (searched.contains("user")) {
            users.search(tenantId, q, limit).forEach(u -> results.add(new Result(u.idString(), "user", u.name(),
                    u.email(), u.username(), u.avatar(), u.provider(), "local", null, null, u.idString())));
        }
        if (searched.contains("group")) {
            groups.search(tenantId, q, limit).forEach(g -> results.add(new Result(g.id(), "group", g.name(), null,
                    null, null, null, g.source(), g.memberIds().size(), g.description(), g.id())));
        }
        if (searched.contains("role")) {
            roles.namesStartingWith(tenantId, q, limit).forEach(name -> results.add(new Result(name, "role", name,
                    null, null, null, null, "local", null, null, name)));
        }
        List<Result> shown = results.stream().limit(limit).toList();
        return new Found(q, limit, searched, shown, shown.size(), Map.of("local", shown.size(), "entra", 0));
    }

    private static int limit(String limitParam) {
        if (limitParam == null || limitParam.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(limitParam.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.Invalid.field("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static List<String> requestedTypes(String typesParam) {
        if (typesParam == null || typesParam.isBlank()) {
            return TYPES;
        }
        Set<String> types = new LinkedHashSet<>();
        for (String type : typesParam.split(",")) {
            String name = type.trim();
            if (!TYPES.contains(name)) {
                throw ApiException.Invalid.field("types", "must be a comma-separated list of user, group, role");
            }
            types.add(name);
        }
        return List.copyOf(types);
    }

    record Found(String query, int limit, List<String> types, List<Result> results, int count,
                 Map<String, Integer> sources) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Result(String id, String type, String name, String email, String username, String avatar,
                  String provider, String source, Integer memberCount, String description, String idOnTheSource) {
    }
}
