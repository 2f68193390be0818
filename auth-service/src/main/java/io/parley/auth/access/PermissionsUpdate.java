package io.parley.auth.access;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code PUT /api/permissions/:resourceType/:resourceId}: principals to give a role, principals to
 * take off, and optionally the public's access. LibreChat's client sends more fields per principal
 * (name, email, …); only {@code type}, {@code id} and {@code accessRoleId} count.
 */
record PermissionsUpdate(List<PrincipalRef> updated, List<PrincipalRef> removed,
                         @JsonProperty("public") Boolean isPublic, String publicAccessRoleId) {

    record PrincipalRef(String type, String id, String accessRoleId) {
    }
}
