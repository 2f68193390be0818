package io.parley.auth.token;

import io.grpc.stub.StreamObserver;
import io.parley.proto.auth.v1.GetJwksRequest;
import io.parley.proto.auth.v1.GetJwksResponse;
import io.parley.proto.auth.v1.KeysGrpc;
import org.springframework.stereotype.Service;

/** The public verification keys for other services. */
@Service
class KeysGrpcService extends KeysGrpc.KeysImplBase {

    private final KeyRing keys;

    KeysGrpcService(KeyRing keys) {
        this.keys = keys;
    }

    @Override
    public void getJwks(GetJwksRequest request, StreamObserver<GetJwksResponse> response) {
        response.onNext(GetJwksResponse.newBuilder().setJwksJson(keys.publicJwkSetJson()).build());
        response.onCompleted();
    }
}
