package io.parley.migrate;

import org.jspecify.annotations.Nullable;

/**
 * Where the access token that the services take for an ADMIN of the target tenant comes from: an ADMIN's own
 * ({@link EnvironmentAdminToken}) or the installation's operator's ({@link OperatorKeyTokens}); the services write
 * into that token's tenant. Asked before every call, so a source that can renew a token (an operator key
 * exchanged for one) keeps a long migration going past one token's lifetime.
 */
interface AdminTokens {

    /**
     * @param tenant the tenant asked for with {@code --tenant}; null for the one the source knows
     * @throws MigrationStopped when there is no usable token
     */
    String token(@Nullable String tenant);

    /** The tenant of the token last given; null when it names none. */
    @Nullable String tenant();

    /** Neither {@code PARLEY_ADMIN_TOKEN} nor the operator key is set. */
    static AdminTokens none() {
        return new AdminTokens() {
            @Override
            public String token(@Nullable String tenant) {
                throw new MigrationStopped("no credentials: set " + io.parley.admin.OperatorKey.VARIABLE
                        + " (the installation's operator key, as ./parley up keeps it in data/operator.key) or "
                        + EnvironmentAdminToken.VARIABLE + " (the token of POST /api/auth/login as an ADMIN of the tenant)");
            }

            @Override
            public @Nullable String tenant() {
                return null;
            }
        };
    }
}
