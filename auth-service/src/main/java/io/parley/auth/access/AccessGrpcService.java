package io.parley.auth.access;

import io.grpc.stub.StreamObserver;
import io.parley.common.grpc.GrpcCaller;
import io.parley.common.security.CurrentUser;
import io.parley.proto.auth.v1.AccessGrpc;
import io.parley.proto.auth.v1.AclGrant;
import io.parley.proto.auth.v1.AclPrincipal;
import io.parley.proto.auth.v1.CheckAccessRequest;
import io.parley.proto.auth.v1.CheckAccessResponse;
import io.parley.proto.auth.v1.GrantOwnerRequest;
import io.parley.proto.auth.v1.GrantOwnerResponse;
import io.parley.proto.auth.v1.ListAccessibleRequest;
import io.parley.proto.auth.v1.ListAccessibleResponse;
import io.parley.proto.auth.v1.ListEntriesRequest;
import io.parley.proto.auth.v1.ListEntriesResponse;
import io.parley.proto.auth.v1.RevokeAllRequest;
import io.parley.proto.auth.v1.RevokeAllResponse;
import io.parley.proto.auth.v1.ShareRequest;
import io.parley.proto.auth.v1.ShareResponse;
import java.util.List;
import org.springframework.stereotype.Service;

/** Resource ACL checks and bookkeeping for the services owning agents, prompt groups and MCP servers. */
@Service
class AccessGrpcService extends AccessGrpc.AccessImplBase {

    private final Access access;
    private final Sharing sharing;

    AccessGrpcService(Access access, Sharing sharing) {
        this.access = access;
        this.sharing = sharing;
    }

    @Override
    public void check(CheckAccessRequest request, StreamObserver<CheckAccessResponse> response) {
        CurrentUser caller = GrpcCaller.require();
        int required = PermissionBits.requireValid(request.getRequiredBits());
        ResourceType type = ResourceType.parse(request.getResourceType());
        int bits = access.bits(caller, type, request.getResourceId());
        response.onNext(CheckAccessResponse.newBuilder().setPermissionBits(bits)
                .setAllowed(PermissionBits.includes(bits, required))
                .setPublicBits(access.publicBits(caller, type, request.getResourceId())).build());
        response.onCompleted();
    }

    @Override
    public void grantOwner(GrantOwnerRequest request, StreamObserver<GrantOwnerResponse> response) {
        access.grantOwner(GrpcCaller.require(), ResourceType.parse(request.getResourceType()), request.getResourceId());
        response.onNext(GrantOwnerResponse.getDefaultInstance());
        response.onCompleted();
    }

    @Override
    public void revokeAll(RevokeAllRequest request, StreamObserver<RevokeAllResponse> response) {
        long removed = access.revokeAll(GrpcCaller.require(), ResourceType.parse(request.getResourceType()),
                request.getResourceId());
        response.onNext(RevokeAllResponse.newBuilder().setRemoved((int) removed).build());
        response.onCompleted();
    }

    @Override
    public void listAccessible(ListAccessibleRequest request, StreamObserver<ListAccessibleResponse> response) {
        Access.AccessiblePage page = access.accessible(GrpcCaller.require(), ResourceType.parse(request.getResourceType()),
                request.getRequiredBits(), request.getPageSize(), request.getPageToken(), request.getPublicOnly());
        response.onNext(ListAccessibleResponse.newBuilder().setAll(page.all()).addAllResourceIds(page.resourceIds())
                .setNextPageToken(page.nextPageToken()).build());
        response.onCompleted();
    }

    @Override
    public void listEntries(ListEntriesRequest request, StreamObserver<ListEntriesResponse> response) {
        SharingView view = sharing.read(GrpcCaller.require(), ResourceType.parse(request.getResourceType()),
                Access.requireResourceId(request.getResourceId()));
        response.onNext(entries(view));
        response.onCompleted();
    }

    /** The same rules as {@code PUT /api/permissions/:type/:id}, through {@link Sharing}. */
    @Override
    public void share(ShareRequest request, StreamObserver<ShareResponse> response) {
        PermissionsUpdate change = new PermissionsUpdate(refs(request.getUpdatedList()), refs(request.getRemovedList()),
                request.hasPublic() ? request.getPublic() : null,
                request.getPublicAccessRoleId().isEmpty() ? null : request.getPublicAccessRoleId());
        SharingView after = sharing.share(GrpcCaller.require(), ResourceType.parse(request.getResourceType()),
                Access.requireResourceId(request.getResourceId()), change);
        response.onNext(ShareResponse.newBuilder().setEntries(entries(after)).build());
        response.onCompleted();
    }

    private static List<PermissionsUpdate.PrincipalRef> refs(List<AclGrant> grants) {
        return grants.stream().map(g -> new PermissionsUpdate.PrincipalRef(g.getType(), g.getId(), g.getAccessRoleId()))
                .toList();
    }

    private static ListEntriesResponse entries(SharingView view) {
        ListEntriesResponse.Builder out = ListEntriesResponse.newBuilder().setPublic(view.isPublic())
                .setPublicAccessRoleId(view.publicAccessRoleId() == null ? "" : view.publicAccessRoleId());
        for (SharingView.PrincipalView p : view.principals()) {
            out.addPrincipals(AclPrincipal.newBuilder().setType(p.type()).setId(p.id()).setName(orEmpty(p.name()))
                    .setEmail(orEmpty(p.email())).setAvatar(orEmpty(p.avatar())).setSource(orEmpty(p.source()))
                    .setAccessRoleId(p.accessRoleId()));
        }
        return out.build();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
