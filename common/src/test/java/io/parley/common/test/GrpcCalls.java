package io.parley.common.test;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.util.concurrent.TimeUnit;

/** For tests that call a service's gRPC API as a peer service would: as a person, and what a call answered. */
public final class GrpcCalls {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private GrpcCalls() {
    }

    /** {@code stub} relaying {@code accessToken} as peer services do, with a deadline of {@code seconds}. */
    public static <S extends AbstractStub<S>> S as(S stub, String accessToken, long seconds) {
        Metadata metadata = new Metadata();
        metadata.put(AUTHORIZATION, "Bearer " + accessToken);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata))
                .withDeadlineAfter(seconds, TimeUnit.SECONDS);
    }

    /** A plaintext channel to a gRPC server on loopback; the caller shuts it down. */
    public static ManagedChannel loopback(int port) {
        return ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }

    /** The status a call ended with: OK when it returned. */
    public static Status.Code codeOf(Runnable call) {
        try {
            call.run();
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }
}
