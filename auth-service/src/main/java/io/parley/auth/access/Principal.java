package io.parley.auth.access;

import io.parley.common.error.ApiException;
import java.util.Locale;

/**
 * Who an ACL entry is for: a user or group (hex id), a role (its name) or the public (no id).
 * An entry for the public applies to every signed-in user of the tenant.
 */
record Principal(Type type, String id) {

    enum Type {
        USER, GROUP, ROLE, PUBLIC;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Type parse(String name, String field) {
            if (name != null) {
                for (Type type : values()) {
                    if (type.wireName().equals(name)) {
                        return type;
                    }
                }
            }
            throw ApiException.Invalid.field(field, "must be one of user, group, role, public");
        }
    }

    static final Principal PUBLIC = new Principal(Type.PUBLIC, null);

    static Principal user(String id) {
        return new Principal(Type.USER, id);
    }

    static Principal group(String id) {
        return new Principal(Type.GROUP, id);
    }

    static Principal role(String name) {
        return new Principal(Type.ROLE, name);
    }
}
