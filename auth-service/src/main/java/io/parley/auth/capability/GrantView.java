package io.parley.auth.capability;

import org.jspecify.annotations.Nullable;

/** A grant as LibreChat's admin API answers it ({@code AdminSystemGrant}). */
record GrantView(String id, String principalType, String principalId, String capability, @Nullable String grantedBy,
                 String grantedAt) {

    static GrantView of(SystemGrant grant) {
        return new GrantView(grant.id().toHexString(), grant.principalType(), grant.principalId(), grant.capability(),
                grant.grantedBy(), grant.grantedAt().toString());
    }
}
