package io.parley.auth.access;

import io.parley.common.error.ApiException;

/** LibreChat's permission bits (the seed's READ and UPDATE are VIEW and EDIT). */
public final class PermissionBits {

    public static final int VIEW = 1;
    public static final int EDIT = 2;
    public static final int DELETE = 4;
    public static final int SHARE = 8;
    public static final int ALL = VIEW | EDIT | DELETE | SHARE;

    private PermissionBits() {
    }

    /** @throws ApiException.Invalid unless {@code bits} is a non-empty combination of the four bits */
    static int requireValid(int bits) {
        if (bits < 1 || bits > ALL) {
            throw ApiException.Invalid.field("requiredBits", "must be between 1 and 15");
        }
        return bits;
    }

    static boolean includes(int granted, int required) {
        return (granted & required) == required;
    }
}
