package io.parley.auth.role;

import java.util.Map;

/** A role as LibreChat's client reads it: {@code {name, permissions:{TYPE:{PERMISSION:bool}}}}. */
record RoleView(String name, Map<String, Map<String, Boolean>> permissions) {
}
