package io.parley.auth;

import io.parley.common.error.ApiException;
import java.util.regex.Pattern;

/**
 * The tenant of a request that has no token yet (register, login, refresh): the gateway resolves
 * it from the host name (or a trusted proxy's header) and passes it in {@link io.parley.common.edge.EdgeHeaders#TENANT}, having
 * removed any value a client sent.
 */
public final class Tenants {

    public static final String DEFAULT = "default";

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    private Tenants() {
    }

    public static String of(String header) {
        if (header == null || header.isBlank()) {
            return DEFAULT;
        }
        if (!VALID.matcher(header).matches()) {
            throw new ApiException.Invalid("Unknown tenant");
        }
        return header;
    }
}
