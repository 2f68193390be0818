package io.parley.auth.role;

import io.parley.auth.user.User;
import io.parley.common.error.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * LibreChat's permission catalog ({@code packages/data-provider/src/permissions.ts}) and the
 * defaults of its system roles ({@code roles.ts} {@code roleDefaults}), without the v0.8.7-only
 * REMOTE_AGENTS and SKILLS. Permission maps are ordered as LibreChat lists them.
 */
final class Permissions {

    /** Permission type → its permissions. */
    static final Map<String, List<String>> CATALOG = catalog();

    /** What USER lacks by default; everything else is granted. */
    private static final Set<String> USER_DENIED = Set.of(
            "PROMPTS.SHARE", "PROMPTS.SHARE_PUBLIC", "AGENTS.SHARE", "AGENTS.SHARE_PUBLIC",
            "PEOPLE_PICKER.VIEW_USERS", "PEOPLE_PICKER.VIEW_GROUPS", "PEOPLE_PICKER.VIEW_ROLES",
            "MARKETPLACE.USE",
            "MCP_SERVERS.CREATE", "MCP_SERVERS.SHARE", "MCP_SERVERS.SHARE_PUBLIC", "MCP_SERVERS.CONFIGURE_OBO");

    /** What ADMIN lacks by default: LibreChat leaves the marketplace off even for admins. */
    private static final Set<String> ADMIN_DENIED = Set.of("MARKETPLACE.USE");

    /** The roles every tenant has; they are created with their defaults when first read. */
    static final List<String> SYSTEM_ROLES = List.of(User.ADMIN, User.USER);

    private Permissions() {
    }

    private static Map<String, List<String>> catalog() {
        Map<String, List<String>> catalog = new LinkedHashMap<>();
        catalog.put("PROMPTS", List.of("USE", "CREATE", "SHARE", "SHARE_PUBLIC"));
        catalog.put("BOOKMARKS", List.of("USE"));
        catalog.put("MEMORIES", List.of("USE", "CREATE", "UPDATE", "READ", "OPT_OUT"));
        catalog.put("AGENTS", List.of("USE", "CREATE", "SHARE", "SHARE_PUBLIC"));
        catalog.put("MULTI_CONVO", List.of("USE"));
        catalog.put("TEMPORARY_CHAT", List.of("USE"));
        catalog.put("RUN_CODE", List.of("USE"));
        catalog.put("WEB_SEARCH", List.of("USE"));
        catalog.put("PEOPLE_PICKER", List.of("VIEW_USERS", "VIEW_GROUPS", "VIEW_ROLES"));
        catalog.put("MARKETPLACE", List.of("USE"));
        catalog.put("FILE_SEARCH", List.of("USE"));
        catalog.put("FILE_CITATIONS", List.of("USE"));
        catalog.put("MCP_SERVERS", List.of("USE", "CREATE", "SHARE", "SHARE_PUBLIC", "CONFIGURE_OBO"));
        catalog.put("SHARED_LINKS", List.of("CREATE", "SHARE", "SHARE_PUBLIC"));
        return java.util.Collections.unmodifiableMap(catalog);
    }

    static boolean isSystemRole(String name) {
        return SYSTEM_ROLES.contains(name);
    }

    /** The defaults of a system role; all false for any other role. */
    static Map<String, Map<String, Boolean>> defaults(String role) {
        Set<String> denied = switch (role) {
            case User.ADMIN -> ADMIN_DENIED;
            case User.USER -> USER_DENIED;
            default -> null;
        };
        Map<String, Map<String, Boolean>> permissions = new LinkedHashMap<>();
        CATALOG.forEach((type, names) -> {
            Map<String, Boolean> values = new LinkedHashMap<>();
            names.forEach(name -> values.put(name, denied != null && !denied.contains(type + "." + name)));
            permissions.put(type, values);
        });
        return permissions;
    }

    /**
     * {@code stored} laid over {@code base} in catalog order, dropping anything the catalog does not
     * know; a permission missing from both is false.
     */
    static Map<String, Map<String, Boolean>> merged(Map<String, Map<String, Boolean>> base,
                                                   Map<String, Map<String, Boolean>> stored) {
        Map<String, Map<String, Boolean>> permissions = new LinkedHashMap<>();
        CATALOG.forEach((type, names) -> {
            Map<String, Boolean> values = new LinkedHashMap<>();
            for (String name : names) {
                Boolean value = stored == null || stored.get(type) == null ? null : stored.get(type).get(name);
                if (value == null) {
                    value = base.getOrDefault(type, Map.of()).getOrDefault(name, false);
                }
                values.put(name, value);
            }
            permissions.put(type, values);
        });
        return permissions;
    }

    /** @throws ApiException.Invalid for a type or permission the catalog does not know */
    static void requireKnown(String type, String permission) {
        List<String> names = CATALOG.get(type);
        if (names == null) {
            throw new ApiException.Invalid("Unknown permission type: " + type);
        }
        if (!names.contains(permission)) {
            throw new ApiException.Invalid("Unknown " + type + " permission: " + permission);
        }
    }
}
