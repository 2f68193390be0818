package io.parley.common.access;

import io.grpc.StatusRuntimeException;
import io.parley.common.error.ApiException;
import io.parley.common.grpc.GrpcErrors;
import io.parley.proto.auth.v1.AccessGrpc;
import io.parley.proto.auth.v1.AclGrant;
import io.parley.proto.auth.v1.CheckAccessRequest;
import io.parley.proto.auth.v1.CheckAccessResponse;
import io.parley.proto.auth.v1.GrantOwnerRequest;
import io.parley.proto.auth.v1.ListAccessibleRequest;
import io.parley.proto.auth.v1.ListAccessibleResponse;
import io.parley.proto.auth.v1.ListEntriesRequest;
import io.parley.proto.auth.v1.ListEntriesResponse;
import io.parley.proto.auth.v1.RevokeAllRequest;
import io.parley.proto.auth.v1.ShareRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * auth-service's resource ACLs ({@code parley.auth.v1.Access}) for the services that own agents,
 * prompt groups or MCP servers. Every call acts for the end user whose token the request carries
 * (relayed by the gRPC client interceptor) and fails as an {@link ApiException} with auth-service's
 * own words; a call that gets no answer within 2 s is {@link ApiException.Unavailable}.
 */
public class AccessClient {

    public static final int VIEW = 1;
    public static final int EDIT = 2;
    public static final int DELETE = 4;
    public static final int SHARE = 8;

    private static final int PAGE = 1_000;

    private final AccessGrpc.AccessBlockingStub access;

    public AccessClient(AccessGrpc.AccessBlockingStub access) {
        this.access = access;
    }

    /** The caller's bits on a resource, and the public's. */
    public record Check(boolean allowed, int bits, int publicBits) {
    }

    /**
     * The ids of the resources the caller reaches with the required bits, or {@code all} for an
     * ADMIN (who reaches every one; then {@code ids} is empty).
     */
    public record Accessible(boolean all, List<String> ids) {
    }

    /** A principal holding a role on a resource, as LibreChat's share dialog shows it. */
    public record Entry(String type, String id, String name, String email, String avatar, String source,
                        String accessRoleId) {
    }

    /** Who holds a role on a resource, and the public's role if it has one (else null). */
    public record Entries(List<Entry> principals, boolean isPublic, String publicAccessRoleId) {
    }

    /** A user, group or role ({@code type}, {@code id}) and the role to give it (ignored on removal). */
    public record Grant(String type, String id, String accessRoleId) {
    }

    /**
     * One change of a resource's sharing.
     *
     * @param isPublic null leaves the public's access as it is
     * @param publicAccessRoleId null for the type's viewer role
     */
    public record ShareChange(List<Grant> updated, List<Grant> removed, Boolean isPublic, String publicAccessRoleId) {
    }

    public Check check(String type, String resourceId, int requiredBits) {
        CheckAccessResponse answer = call(() -> stub().check(CheckAccessRequest.newBuilder().setResourceType(type)
                .setResourceId(resourceId).setRequiredBits(requiredBits).build()));
        return new Check(answer.getAllowed(), answer.getPermissionBits(), answer.getPublicBits());
    }

    /** Makes the caller the owner of a resource they are creating; an id owned by someone else is a conflict. */
    public void grantOwner(String type, String resourceId) {
        call(() -> stub().grantOwner(GrantOwnerRequest.newBuilder().setResourceType(type).setResourceId(resourceId).build()));
    }

    /** Removes every entry of a resource being deleted (the caller needs DELETE on it). */
    public void revokeAll(String type, String resourceId) {
        call(() -> stub().revokeAll(RevokeAllRequest.newBuilder().setResourceType(type).setResourceId(resourceId).build()));
    }

    /** The resources the caller reaches with {@code requiredBits}, at most {@code max} ids, in id order. */
    public Accessible accessible(String type, int requiredBits, int max) {
        return list(type, requiredBits, max, false);
    }

    /** The resources whose public entry has {@code requiredBits} (shared with everyone), at most {@code max}. */
    public Accessible publiclyAccessible(String type, int requiredBits, int max) {
        return list(type, requiredBits, max, true);
    }

    /** Who holds a role on a resource; the caller needs SHARE on it. */
    public Entries entries(String type, String resourceId) {
        return entries(call(() -> stub().listEntries(ListEntriesRequest.newBuilder().setResourceType(type)
                .setResourceId(resourceId).build())));
    }

    /** Applies a change with the rules of LibreChat's {@code PUT /api/permissions}; answers the entries afterwards. */
    public Entries share(String type, String resourceId, ShareChange change) {
        ShareRequest.Builder request = ShareRequest.newBuilder().setResourceType(type).setResourceId(resourceId);
        change.updated().forEach(g -> request.addUpdated(grant(g)));
        change.removed().forEach(g -> request.addRemoved(grant(g)));
        if (change.isPublic() != null) {
            request.setPublic(change.isPublic());
        }
        if (change.publicAccessRoleId() != null) {
            request.setPublicAccessRoleId(change.publicAccessRoleId());
        }
        return entries(call(() -> stub().share(request.build())).getEntries());
    }

    private Accessible list(String type, int requiredBits, int max, boolean publicOnly) {
        List<String> ids = new ArrayList<>();
        String token = "";
        do {
            String pageToken = token;
            ListAccessibleResponse page = call(() -> stub().listAccessible(ListAccessibleRequest.newBuilder()
                    .setResourceType(type).setRequiredBits(requiredBits).setPageSize(Math.min(PAGE, max))
                    .setPageToken(pageToken).setPublicOnly(publicOnly).build()));
            if (page.getAll()) {
                return new Accessible(true, List.of());
            }
            ids.addAll(page.getResourceIdsList());
            token = page.getNextPageToken();
        } while (!token.isEmpty() && ids.size() < max);
        return new Accessible(false, List.copyOf(ids.size() > max ? ids.subList(0, max) : ids));
    }

    private static AclGrant grant(Grant grant) {
        return AclGrant.newBuilder().setType(nullToEmpty(grant.type())).setId(nullToEmpty(grant.id()))
                .setAccessRoleId(nullToEmpty(grant.accessRoleId())).build();
    }

    private static Entries entries(ListEntriesResponse answer) {
        List<Entry> principals = answer.getPrincipalsList().stream().map(p -> new Entry(p.getType(), p.getId(),
                emptyToNull(p.getName()), emptyToNull(p.getEmail()), emptyToNull(p.getAvatar()),
                emptyToNull(p.getSource()), p.getAccessRoleId())).toList();
        return new Entries(principals, answer.getPublic(), emptyToNull(answer.getPublicAccessRoleId()));
    }

    private AccessGrpc.AccessBlockingStub stub() {
        return access;
    }

    private static <T> T call(Supplier<T> rpc) {
        try {
            return rpc.get();
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.toApiException(e);
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
