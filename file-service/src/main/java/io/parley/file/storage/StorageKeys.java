package io.parley.file.storage;

import java.util.regex.Pattern;

/**
 * Storage keys are made here only, from values the server issued or verified, so no client input can
 * steer where bytes are written (LibreChat's path traversal CVEs came from client file names in paths).
 */
public final class StorageKeys {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private StorageKeys() {
    }

    /** {@code <tenant>/<user>/<fileId>}; every part must be a plain id segment. */
    public static String of(String tenantId, String userId, String fileId) {
        return segment(tenantId) + "/" + segment(userId) + "/" + segment(fileId);
    }

    private static String segment(String value) {
        if (value == null || !SEGMENT.matcher(value).matches()) {
            throw new IllegalArgumentException("Not a storage key segment");
        }
        return value;
    }
}
