package io.parley.auth.role;

import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * librechat.yaml's {@code interface} section as permissions of the system roles, as LibreChat's
 * {@code updateInterfacePermissions} (0.8) sets them at start-up: a permission type whose key the
 * section sets is written to USER and ADMIN alike, the value given or else the role's default, on
 * every start, so the file wins over an admin's change at the next restart; a type the section does
 * not set keeps what the role has (an admin's change stays). Roles are per tenant here: a tenant's
 * role is created with the section applied, and at start-up it is applied to every tenant's stored roles.
 * LibreChat's {@code memory} section (which also switches MEMORIES) is not read.
 */
@Component
@EnableConfigurationProperties(InterfacePermissions.InterfaceSection.class)
class InterfacePermissions {

    private static final Logger log = LoggerFactory.getLogger(InterfacePermissions.class);

    /** librechat.yaml's {@code interface} section, as given (chat-service serves it in {@code /api/config}). */
    @ConfigurationProperties("librechat")
    record InterfaceSection(@Name("interface") @DefaultValue Map<String, Object> settings) {
    }

    /** {@code {use, create, share, public}}, LibreChat's object form for shareable resources. */
    private static final Map<String, String> SHARING = ordered("use", "USE", "create", "CREATE", "share", "SHARE",
            "public", "SHARE_PUBLIC");
    private static final Map<String, String> USE = ordered("use", "USE");

    /**
     * The interface keys LibreChat maps to permissions. A boolean sets the type's USE; an object sets
     * the permissions its fields name (the others of that type go back to the role's default).
     */
    private static final List<Setting> SETTINGS = List.of(
            new Setting("prompts", "PROMPTS", true, SHARING),
            new Setting("bookmarks", "BOOKMARKS", true, Map.of()),
            new Setting("memories", "MEMORIES", true, Map.of()),
            new Setting("multiConvo", "MULTI_CONVO", true, Map.of()),
            new Setting("agents", "AGENTS", true, SHARING),
            new Setting("temporaryChat", "TEMPORARY_CHAT", true, Map.of()),
            new Setting("runCode", "RUN_CODE", true, Map.of()),
            new Setting("webSearch", "WEB_SEARCH", true, Map.of()),
            new Setting("peoplePicker", "PEOPLE_PICKER", false,
                    ordered("users", "VIEW_USERS", "groups", "VIEW_GROUPS", "roles", "VIEW_ROLES")),
            new Setting("marketplace", "MARKETPLACE", false, USE),
            new Setting("fileSearch", "FILE_SEARCH", true, Map.of()),
            new Setting("fileCitations", "FILE_CITATIONS", true, Map.of()),
            // its other fields (placeholder, …) are for the client; only these set permissions
            new Setting("mcpServers", "MCP_SERVERS", false, SHARING));

    private final Map<String, Object> section;
    private final RoleStore roles;
    private final Clock clock = Clock.systemUTC();

    InterfacePermissions(InterfaceSection section, RoleStore roles) {
        this.section = lowerCaseKeys(section.settings());
        this.roles = roles;
    }

    /** What a system role starts with: its defaults with the section applied. */
    Map<String, Map<String, Boolean>> initial(String role) {
        return Permissions.merged(Permissions.defaults(role), configured(role));
    }

    /**
     * The permission types the section sets for a system role, each with every permission LibreChat
     * writes for it; empty for any other role and when the section sets none.
     */
    Map<String, Map<String, Boolean>> configured(String role) {
        Map<String, Map<String, Boolean>> out = new LinkedHashMap<>();
        if (!Permissions.isSystemRole(role)) {
            return out;
        }
        Map<String, Map<String, Boolean>> defaults = Permissions.defaults(role);
        for (Setting setting : SETTINGS) {
            Map<String, Boolean> values = setting.values(section.get(setting.key().toLowerCase(Locale.ROOT)),
                    defaults.get(setting.type()));
            if (!values.isEmpty()) {
                out.put(setting.type(), values);
            }
        }
        return out;
    }

    /** Before traffic: the section over every tenant's stored system roles, as LibreChat does on each start. */
    @EventListener(ApplicationStartedEvent.class)
    void applyToStoredRoles() {
        for (String role : Permissions.SYSTEM_ROLES) {
            Map<String, Map<String, Boolean>> configured = configured(role);
            if (!configured.isEmpty()) {
                long changed = roles.setPermissionsOfEveryTenant(role, configured, clock.instant());
                log.info("Interface permissions applied role={} types={} tenants={}", role, configured.keySet(), changed);
            }
        }
    }

    /**
     * @param flag   whether a bare boolean sets the type's USE
     * @param fields the object form's fields → permissions
     */
    private record Setting(String key, String type, boolean flag, Map<String, String> fields) {

        /** The permissions to write, or empty when the section does not set this key. */
        Map<String, Boolean> values(Object value, Map<String, Boolean> roleDefaults) {
            Map<String, Boolean> out = new LinkedHashMap<>();
            Boolean bare = bool(value);
            if (bare != null) {
                if (flag) {
                    out.put("USE", bare);
                }
                return out;
            }
            if (value instanceof Map<?, ?> object) {
                Map<String, Object> given = lowerCaseKeys(object);
                if (fields.keySet().stream().noneMatch(field -> bool(given.get(field)) != null)) {
                    return out;
                }
                fields.forEach((field, permission) -> {
                    Boolean configured = bool(given.get(field));
                    out.put(permission, configured != null ? configured : roleDefaults.getOrDefault(permission, false));
                });
            }
            return out;
        }
    }

    /** A YAML boolean, bound as Boolean or, from properties, as the string "true"/"false"; else null. */
    private static Boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.valueOf(s);
        }
        return null;
    }

    /** Keys as LibreChat spells them or as relaxed binding may hand them over (lower case). */
    private static Map<String, Object> lowerCaseKeys(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((key, value) -> out.put(String.valueOf(key).toLowerCase(Locale.ROOT), value));
        return out;
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return Collections.unmodifiableMap(out);
    }
}
