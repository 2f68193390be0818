package io.parley.auth.access;

import java.time.Instant;
import org.bson.types.ObjectId;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One grant, shaped like LibreChat's {@code aclentries} document: {@code principalType} user, group,
 * role or public; {@code principalId} the user or group id (hex), the role name, or null for the
 * public; {@code permBits} the bits of {@code accessRoleId} at the time of the grant.
 */
@Document("acl_entries")
record AclEntry(@Id ObjectId id, String tenantId, String principalType, String principalId, String resourceType,
                String resourceId, int permBits, String accessRoleId, String grantedBy, Instant grantedAt) {

    Principal principal() {
        return new Principal(Principal.Type.parse(principalType, "principalType"), principalId);
    }
}
