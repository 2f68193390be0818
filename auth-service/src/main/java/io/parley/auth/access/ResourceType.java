package io.parley.auth.access;

import io.parley.common.error.ApiException;
import java.util.List;

/**
 * The kinds of resource an ACL can guard (LibreChat's {@code ResourceType}, without the v0.8.7-only
 * remoteAgent and skill), each with the role permission type that gates sharing it and its access roles.
 */
public enum ResourceType {
    AGENT("agent", "AGENTS", "agent", true),
    PROMPT_GROUP("promptGroup", "PROMPTS", "prompt group", true),
    MCP_SERVER("mcpServer", "MCP_SERVERS", "MCP server", true),
    SHARED_LINK("sharedLink", "SHARED_LINKS", "shared link", false);

    private final String wireName;
    private final String permissionType;
    private final String label;
    private final List<AccessRole> roles;

    ResourceType(String wireName, String permissionType, String label, boolean hasEditor) {
        this.wireName = wireName;
        this.permissionType = permissionType;
        this.label = label;
        this.roles = hasEditor
                ? List.of(AccessRole.of(wireName, "viewer", PermissionBits.VIEW),
                        AccessRole.of(wireName, "editor", PermissionBits.VIEW | PermissionBits.EDIT),
                        AccessRole.of(wireName, "owner", PermissionBits.ALL))
                : List.of(AccessRole.of(wireName, "viewer", PermissionBits.VIEW),
                        AccessRole.of(wireName, "owner", PermissionBits.ALL));
    }

    /** The name LibreChat uses in paths and documents, e.g. {@code promptGroup}. */
    public String wireName() {
        return wireName;
    }

    /** The role permission type whose SHARE / SHARE_PUBLIC gate sharing, e.g. {@code PROMPTS}. */
    String permissionType() {
        return permissionType;
    }

    /** For messages: "Insufficient permissions to access this prompt group". */
    String label() {
        return label;
    }

    /** The access roles a principal can be given on this type, least first. */
    List<AccessRole> roles() {
        return roles;
    }

    AccessRole owner() {
        return roles.getLast();
    }

    /** @throws ApiException.Invalid for an unknown or unsupported name */
    public static ResourceType parse(String name) {
        for (ResourceType type : values()) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        throw new ApiException.Invalid("Bad Request", "Unsupported resource type: " + safe(name), List.of());
    }

    /** Echoes client input in a message without letting it grow the message without bound. */
    static String safe(String value) {
        if (value == null) {
            return "null";
        }
        return value.length() > 64 ? value.substring(0, 64) + "…" : value;
    }
}
