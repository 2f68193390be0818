package io.parley.auth.access;

/**
 * A named set of permission bits a principal is given on a resource, e.g. {@code agent_editor} (3).
 * {@code name} and {@code description} are the i18n keys LibreChat's client translates.
 */
record AccessRole(String accessRoleId, String name, String description, int permBits) {

    static AccessRole of(String resourceType, String level, int bits) {
        return new AccessRole(resourceType + "_" + level, "com_ui_role_" + level, "com_ui_role_" + level + "_desc", bits);
    }
}
