package io.parley.auth.role;

import io.grpc.stub.StreamObserver;
import io.parley.common.grpc.GrpcCaller;
import io.parley.proto.auth.v1.CheckPermissionRequest;
import io.parley.proto.auth.v1.CheckPermissionResponse;
import io.parley.proto.auth.v1.RolesGrpc;
import org.springframework.stereotype.Service;

/** Role permission checks for the services that gate routes on them, for the end user of the relayed token. */
@Service
class RolesGrpcService extends RolesGrpc.RolesImplBase {

    private final Roles roles;

    RolesGrpcService(Roles roles) {
        this.roles = roles;
    }

    @Override
    public void checkPermission(CheckPermissionRequest request, StreamObserver<CheckPermissionResponse> response) {
        boolean allowed = roles.allows(GrpcCaller.require(), request.getPermissionType(), request.getPermission());
        response.onNext(CheckPermissionResponse.newBuilder().setAllowed(allowed).build());
        response.onCompleted();
    }
}
