package io.parley.common.access;

import io.grpc.StatusRuntimeException;
import io.parley.common.error.ApiException;
import io.parley.common.grpc.GrpcCaller;
import io.parley.common.grpc.GrpcErrors;
import io.parley.common.security.CurrentUser;
import io.parley.proto.auth.v1.CheckPermissionRequest;
import io.parley.proto.auth.v1.RolesGrpc;
import java.time.Duration;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * auth-service's role permissions ({@code parley.auth.v1.Roles}): LibreChat's feature gates such as
 * AGENTS.USE, for the end user whose token the request carries.
 */
public class RolesClient {

    /** LibreChat's answer when a role lacks a feature ({@code generateCheckAccess}). */
    public static final String INSUFFICIENT = "Forbidden: Insufficient permissions";

    /** How long a role's last known answer may stand in while auth-service cannot be reached. */
    static final Duration MAX_STALE = Duration.ofMinutes(10);

    private final RolesGrpc.RolesBlockingStub roles;
    private final LastKnown<String, Boolean> known = new LastKnown<>("role permission", MAX_STALE, 10_000);

    public RolesClient(RolesGrpc.RolesBlockingStub roles) {
        this.roles = roles;
    }

    /**
     * Whether the caller's role grants {@code permissionType.permission}, e.g. AGENTS.CREATE. Asked every
     * time (an admin's change applies at once); while auth-service is unreachable, the last answer for the
     * same tenant and role stands in (see {@link LastKnown}).
     */
    public boolean allows(String permissionType, String permission) {
        try {
            return known.get(roleKey(permissionType, permission), () -> roles
                    .checkPermission(CheckPermissionRequest.newBuilder().setPermissionType(permissionType)
                    .setPermission(permission).build()).getAllowed());
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.toApiException(e);
        }
    }

    /** The person a request or a relayed gRPC call acts for; null for none. */
    private static CurrentUser caller() {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken jwt) {
            return CurrentUser.from(jwt.getToken());
        }
        return GrpcCaller.current();
    }

    /** The answer depends on the caller's tenant and role only: the key under which it is kept. */
    private static String roleKey(String permissionType, String permission) {
        CurrentUser caller = caller();
        String who = caller == null ? "" : caller.tenantId() + "\n" + caller.role();
        return who + "\n" + permissionType + "\n" + permission;
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
