package io.parley.common.access;

import io.grpc.StatusRuntimeException;
import io.parley.common.error.ApiException;
import io.parley.common.grpc.GrpcErrors;
import io.parley.proto.auth.v1.CheckPermissionRequest;
import io.parley.proto.auth.v1.RolesGrpc;
import java.util.concurrent.TimeUnit;

/**
 * auth-service's role permissions ({@code parley.auth.v1.Roles}): LibreChat's feature gates such as
 * AGENTS.USE, for the end user whose token the request carries.
 */
public class RolesClient {

    /** LibreChat's answer when a role lacks a feature ({@code generateCheckAccess}). */
    public static final String INSUFFICIENT = "Forbidden: Insufficient permissions";
    private static final long DEADLINE_SECONDS = 2;

    private final RolesGrpc.RolesBlockingStub roles;

    public RolesClient(RolesGrpc.RolesBlockingStub roles) {
        this.roles = roles;
    }

    /** Whether the caller's role grants {@code permissionType.permission}, e.g. AGENTS.CREATE. */
    public boolean allows(String permissionType, String permission) {
        try {
            return roles.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS).checkPermission(CheckPermissionRequest
                    .newBuilder().setPermissionType(permissionType).setPermission(permission).build()).getAllowed();
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.toApiException(e);
        }
    }

    /** @throws ApiException.Forbidden LibreChat's 403 unless the role grants every one of the permissions */
    public void require(String permissionType, String... permissions) {
        for (String permission : permissions) {
            if (!allows(permissionType, permission)) {
                throw new ApiException.Forbidden("forbidden", INSUFFICIENT);
            }
        }
    }
}
