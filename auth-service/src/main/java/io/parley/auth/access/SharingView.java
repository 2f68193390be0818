package io.parley.auth.access;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code GET /api/permissions/:resourceType/:resourceId}, as LibreChat answers it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record SharingView(String resourceType, String resourceId, List<PrincipalView> principals,
                   @JsonProperty("public") boolean isPublic, String publicAccessRoleId) {

    /** A user, group or role holding a role on the resource; the fields a kind lacks are null. */
    record PrincipalView(String type, String id, String name, String email, String avatar, String source,
                         String idOnTheSource, String accessRoleId) {
    }
}
