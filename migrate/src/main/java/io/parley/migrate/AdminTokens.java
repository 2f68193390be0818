package io.parley.migrate;

import org.jspecify.annotations.Nullable;

/**
 * Where the access token of an ADMIN of the target tenant comes from: the services write into that ADMIN's
 * tenant. Asked before every call, so a source that can renew a token (an operator key exchanged for one) keeps
 * a long migration going past one token's lifetime.
 */
interface AdminTokens {

    /**
     * @param tenant the tenant asked for with {@code --tenant}; null for the one the source knows
     * @throws MigrationStopped when there is no usable token
     */
    String token(@Nullable String tenant);
}
