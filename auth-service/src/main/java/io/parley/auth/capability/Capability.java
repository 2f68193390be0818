package io.parley.auth.capability;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * LibreChat's system capabilities ({@code @librechat/data-schemas}): the base set, the config-section ones
 * ({@code manage:configs:<section>}, {@code read:configs:<section>}) and the config-assignment ones
 * ({@code assign:configs:user|group|role}). Holding {@code manage:x} implies {@code read:x}.
 */
public final class Capability {

    public static final String ACCESS_ADMIN = "access:admin";
    public static final String READ_USERS = "read:users";
    public static final String MANAGE_USERS = "manage:users";
    public static final String READ_GROUPS = "read:groups";
    public static final String MANAGE_GROUPS = "manage:groups";
    public static final String READ_ROLES = "read:roles";
    public static final String MANAGE_ROLES = "manage:roles";
    public static final String READ_CONFIGS = "read:configs";
    public static final String MANAGE_CONFIGS = "manage:configs";
    public static final String READ_AUDIT_LOG = "read:audit_log";

    static final List<String> BASE = List.of(ACCESS_ADMIN, READ_USERS, MANAGE_USERS, READ_GROUPS, MANAGE_GROUPS,
            READ_ROLES, MANAGE_ROLES, READ_CONFIGS, MANAGE_CONFIGS, "assign:configs", "read:usage", "read:insights",
            "read:agents", "manage:agents", "manage:mcpservers", "manage:code_environments", "read:prompts",
            "manage:prompts", "read:skills", "manage:skills", "read:sharedlinks", "manage:sharedlinks",
            "read:assistants", "manage:assistants", READ_AUDIT_LOG);

    private static final Map<String, String> IMPLIES = Map.of(MANAGE_USERS, READ_USERS, MANAGE_GROUPS, READ_GROUPS,
            MANAGE_ROLES, READ_ROLES, MANAGE_CONFIGS, READ_CONFIGS, "manage:agents", "read:agents",
            "manage:prompts", "read:prompts", "manage:skills", "read:skills", "manage:sharedlinks", "read:sharedlinks",
            "manage:assistants", "read:assistants");
    private static final Pattern SECTION = Pattern.compile("(?:manage|read):configs:\\w{1,64}");
    private static final Pattern ASSIGN = Pattern.compile("assign:configs:(?:user|group|role)");

    private Capability() {
    }

    static boolean isValid(String capability) {
        return BASE.contains(capability) || SECTION.matcher(capability).matches()
                || ASSIGN.matcher(capability).matches();
    }

    /** The held capabilities with what they imply. */
    static Set<String> expand(Set<String> held) {
        Set<String> all = new HashSet<>(held);
        held.forEach(capability -> {
            String implied = IMPLIES.get(capability);
            if (implied != null) {
                all.add(implied);
            }
        });
        return Set.copyOf(all);
    }
}
