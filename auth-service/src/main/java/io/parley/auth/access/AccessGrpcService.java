package io.parley.auth.access;

import io.grpc.stub.StreamObserver;
import io.parley.common.grpc.GrpcCaller;
import io.parley.common.security.CurrentUser;
import io.parley.proto.auth.v1.AccessGrpc;
import io.parley.proto.auth.v1.CheckAccessRequest;
import io.parley.proto.auth.v1.CheckAccessResponse;
import io.parley.proto.auth.v1.GrantOwnerRequest;
import io.parley.proto.auth.v1.GrantOwnerResponse;
import io.parley.proto.auth.v1.ListAccessibleRequest;
import io.parley.proto.auth.v1.ListAccessibleResponse;
import io.parley.proto.auth.v1.RevokeAllRequest;
import io.parley.proto.auth.v1.RevokeAllResponse;
import org.springframework.stereotype.Service;

/** Resource ACL checks and bookkeeping for the services owning agents, prompt groups and MCP servers. */
@Service
class AccessGrpcService extends AccessGrpc.AccessImplBase {

    private final Access access;

    AccessGrpcService(Access access) {
        this.access = access;
    }

    @Override
    public void check(CheckAccessRequest request, StreamObserver<CheckAccessResponse> response) {
        CurrentUser caller = GrpcCaller.require();
        int required = PermissionBits.requireValid(request.getRequiredBits());
        int bits = access.bits(caller, ResourceType.parse(request.getResourceType()), request.getResourceId());
        response.onNext(CheckAccessResponse.newBuilder().setPermissionBits(bits)
                .setAllowed(PermissionBits.includes(bits, required)).build());
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
                request.getRequiredBits(), request.getPageSize(), request.getPageToken());
        response.onNext(ListAccessibleResponse.newBuilder().setAll(page.all()).addAllResourceIds(page.resourceIds())
                .setNextPageToken(page.nextPageToken()).build());
        response.onCompleted();
    }
}
