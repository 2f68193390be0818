package io.parley.auth.externalaccount;

import com.google.protobuf.ByteString;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.parley.proto.file.v1.FilesGrpc;
import io.parley.proto.file.v1.StoreFileHeader;
import io.parley.proto.file.v1.StoreFileRequest;
import io.parley.proto.file.v1.StoreFileResponse;
import io.parley.proto.file.v1.StorePurpose;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.stereotype.Component;

/** file-service's {@code Files.StoreFile} for avatars, called for a person with a token made for them. */
@Component
class AvatarFiles {

    private static final int CHUNK = 256 * 1024;
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final FilesGrpc.FilesStub files;

    AvatarFiles(GrpcChannelFactory channels) {
        this.files = FilesGrpc.newStub(channels.createChannel("file"));
    }

    /**
     * @param accessToken an access token of the person the avatar is for
     * @return where the stored avatar is served ({@code /images/<user>/<file>.png})
     * @throws io.grpc.StatusRuntimeException when file-service refuses it or cannot be reached
     */
    String store(String accessToken, byte[] image, String declaredType) throws InterruptedException {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + accessToken);
        CompletableFuture<StoreFileResponse> answer = new CompletableFuture<>();
        StreamObserver<StoreFileRequest> requests = files.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .storeFile(new StreamObserver<>() {
                    @Override
                    public void onNext(StoreFileResponse response) {
                        answer.complete(response);
                    }

                    @Override
                    public void onError(Throwable t) {
                        answer.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        requests.onNext(StoreFileRequest.newBuilder().setHeader(StoreFileHeader.newBuilder()
                .setPurpose(StorePurpose.STORE_PURPOSE_AVATAR).setFilename("avatar").setDeclaredType(declaredType)).build());
        for (int i = 0; i < image.length; i += CHUNK) {
            requests.onNext(StoreFileRequest.newBuilder()
                    .setData(ByteString.copyFrom(image, i, Math.min(CHUNK, image.length - i))).build());
        }
        requests.onCompleted();
        try {
            return answer.get().getFile().getFilepath();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }
}
