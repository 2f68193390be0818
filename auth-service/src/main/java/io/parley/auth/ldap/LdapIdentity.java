package io.parley.auth.ldap;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Which account a directory person signs in to: one per (tenant, LDAP id), the id being
 * {@code <tenant>:<ldapId>} so that the first sign-in's insert decides any race. Kept beside the
 * user rather than as LibreChat's {@code ldapId} field, so that the user record stays as it is.
 */
@Document("ldap_identities")
record LdapIdentity(@Id String id, String tenantId, String ldapId, String userId, Instant createdAt) {

    static String key(String tenantId, String ldapId) {
        // tenants are [a-z0-9_-]: the first colon ends the tenant
        return tenantId + ":" + ldapId;
    }
}
