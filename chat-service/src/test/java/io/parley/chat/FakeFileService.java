package io.parley.chat;

import com.google.protobuf.ByteString;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.parley.common.test.RelayedCaller;
import io.parley.proto.file.v1.AttachFilesRequest;
import io.parley.proto.file.v1.AttachFilesResponse;
import io.parley.proto.file.v1.FileMetadata;
import io.parley.proto.file.v1.FilesGrpc;
import io.parley.proto.file.v1.ReadFileRequest;
import io.parley.proto.file.v1.ReadFileResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * file-service's {@code Files} as chat-service uses it for attachments, over real gRPC on loopback:
 * a file is its owner's (per tenant) to attach and read, attaching is all or nothing, and attached
 * files are remembered. file-service's own tests cover the real thing.
 */
public final class FakeFileService {

    private record Stored(String tenant, FileMetadata metadata, byte[] bytes) {
    }

    private final Map<String, Stored> files = new ConcurrentHashMap<>();
    /** Ids attached, per "tenant/user/fileId". */
    public final Set<String> attached = ConcurrentHashMap.newKeySet();
    private final Server server;

    FakeFileService() {
        server = RelayedCaller.serve(new FakeFiles());
    }

    public int port() {
        return server.getPort();
    }

    /** A file of the person in the tenant. */
    public void put(String tenant, FileMetadata metadata, byte[] bytes) {
        files.put(metadata.getFileId(), new Stored(tenant, metadata, bytes));
    }

    private Stored readable(String fileId) {
        RelayedCaller.Caller caller = RelayedCaller.current();
        Stored stored = files.get(fileId);
        return stored != null && stored.tenant().equals(caller.tenant()) && stored.metadata().getUser().equals(caller.id())
                ? stored : null;
    }

    private final class FakeFiles extends FilesGrpc.FilesImplBase {
        @Override
        public void attachFiles(AttachFilesRequest request, StreamObserver<AttachFilesResponse> answer) {
            List<String> missing = request.getFileIdsList().stream().filter(id -> readable(id) == null).toList();
            if (!missing.isEmpty()) {
                answer.onError(Status.NOT_FOUND.withDescription("File not found: " + String.join(", ", missing))
                        .asRuntimeException());
                return;
            }
            AttachFilesResponse.Builder out = AttachFilesResponse.newBuilder();
            for (String id : request.getFileIdsList()) {
                RelayedCaller.Caller caller = RelayedCaller.current();
                attached.add(caller.tenant() + "/" + caller.id() + "/" + id);
                out.addFiles(readable(id).metadata());
            }
            answer.onNext(out.build());
            answer.onCompleted();
        }

        @Override
        public void readFile(ReadFileRequest request, StreamObserver<ReadFileResponse> answer) {
            Stored stored = readable(request.getFileId());
            if (stored == null) {
                answer.onError(Status.NOT_FOUND.withDescription("File not found").asRuntimeException());
                return;
            }
            answer.onNext(ReadFileResponse.newBuilder().setMetadata(stored.metadata())
                    .setData(ByteString.copyFrom(stored.bytes())).build());
            answer.onCompleted();
        }
    }
}
