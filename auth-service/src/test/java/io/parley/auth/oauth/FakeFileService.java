package io.parley.auth.oauth;

import io.grpc.Server;
import io.grpc.stub.StreamObserver;
import io.parley.common.test.RelayedCaller;
import io.parley.proto.file.v1.FileMetadata;
import io.parley.proto.file.v1.FilesGrpc;
import io.parley.proto.file.v1.StoreFileHeader;
import io.parley.proto.file.v1.StoreFileRequest;
import io.parley.proto.file.v1.StoreFileResponse;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * file-service's {@code Files.StoreFile} as auth-service uses it for provider pictures, over real gRPC
 * on loopback: it keeps what arrived per person of the relayed token and answers an {@code /images}
 * path. file-service's own tests cover the checks and storage.
 */
public final class FakeFileService {

    /** What one StoreFile call delivered. */
    public record Stored(StoreFileHeader header, byte[] bytes, String filepath) {
    }

    /** By "tenant/user" of the relayed token. */
    public final Map<String, Stored> stored = new ConcurrentHashMap<>();
    private final Server server;

    public FakeFileService() {
        server = RelayedCaller.serve(new FakeFiles());
    }

    public int port() {
        return server.getPort();
    }

    private final class FakeFiles extends FilesGrpc.FilesImplBase {
        @Override
        public StreamObserver<StoreFileRequest> storeFile(StreamObserver<StoreFileResponse> response) {
            RelayedCaller.Caller caller = RelayedCaller.current();
            return new StreamObserver<>() {
                private StoreFileHeader header;
                private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

                @Override
                public void onNext(StoreFileRequest request) {
                    if (request.hasHeader()) {
                        header = request.getHeader();
                    } else {
                        bytes.writeBytes(request.getData().toByteArray());
                    }
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onCompleted() {
                    String path = "/images/" + caller.id() + "/" + UUID.randomUUID() + ".png";
                    stored.put(caller.tenant() + "/" + caller.id(), new Stored(header, bytes.toByteArray(), path));
                    response.onNext(StoreFileResponse.newBuilder()
                            .setFile(FileMetadata.newBuilder().setFilepath(path).setUser(caller.id())).build());
                    response.onCompleted();
                }
            };
        }
    }
}
