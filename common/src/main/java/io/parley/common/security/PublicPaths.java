package io.parley.common.security;

import java.util.List;

/**
 * Request paths (Ant-style patterns) a service serves without an access token. A service declares a
 * bean of this type for its own public routes; everything else needs a valid token. An entry is
 * {@code "/path"} (every method) or {@code "METHOD /path"} (that method only), as the gateway's public paths.
 */
public record PublicPaths(List<String> patterns) {

    public PublicPaths(String... patterns) {
        this(List.of(patterns));
    }
}
