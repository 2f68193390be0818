package io.parley.common.test;

import com.nimbusds.jose.jwk.JWKSet;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.parley.proto.auth.v1.GetJwksRequest;
import io.parley.proto.auth.v1.GetJwksResponse;
import io.parley.proto.auth.v1.KeysGrpc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

/**
 * auth-service's {@code Keys} over gRPC, answering the key set of {@link TestSigningKey}: a service
 * whose "auth" channel points here fetches its verification keys as it does from auth-service, and
 * verifies tokens made with {@link Tokens}.
 */
public final class FakeKeys extends KeysGrpc.KeysImplBase {

    private static Server shared;

    /** One server on a random loopback port for the whole test run; the JVM's end stops it. */
    public static synchronized int sharedPort() {
        if (shared == null) {
            try {
                shared = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                        .addService(new FakeKeys()).build().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared.getPort();
    }

    @Override
    public void getJwks(GetJwksRequest request, StreamObserver<GetJwksResponse> response) {
        response.onNext(GetJwksResponse.newBuilder()
                .setJwksJson(new JWKSet(TestSigningKey.KEY.toPublicJWK()).toString()).build());
        response.onCompleted();
    }
}
