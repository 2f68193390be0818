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
import io.parley.proto.file.v1.GetFilesRequest;
import io.parley.proto.file.v1.GetFilesResponse;
import io.parley.proto.file.v1.ReadFileRequest;
import io.parley.proto.file.v1.ReadFileResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * file-service's {@code Files} as chat-service uses it for attachments, over real gRPC on loopback:
 * a file is its owner's (per tenant) to attach and read, attaching is all or nothing, and attached
 * files are remembered; a file's text (LibreChat's "Upload as Text") comes along within the characters
 * asked, as file-service sends it. file-service's own tests cover the real thing.
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

    /** A file of the person in the tenant; a text in the metadata is the file's text read at upload. */
    public void put(String tenant, FileMetadata metadata, byte[] bytes) {
        files.put(metadata.getFileId(), new Stored(tenant, metadata.toBuilder().setTextLength(metadata.getText().length())
                .build(), bytes));
    }

    /** Forgets a file, as deleting it in file-service would. */
    public void remove(String fileId) {
        files.remove(fileId);
    }

    /** The files' metadata as file-service answers it: the texts cut to {@code maxTextChars} in all, in order. */
    private static List<FileMetadata> withTexts(List<FileMetadata> files, int maxTextChars) {
        int room = maxTextChars;
        List<FileMetadata> out = new java.util.ArrayList<>();
        for (FileMetadata file : files) {
            String text = file.getText().substring(0, Math.min(file.getText().length(), Math.max(room, 0)));
            room -= text.length();
            out.add(file.toBuilder().setText(text).build());
        }
        return out;
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
            List<FileMetadata> found = new java.util.ArrayList<>();
            for (String id : request.getFileIdsList()) {
                RelayedCaller.Caller caller = RelayedCaller.current();
                attached.add(caller.tenant() + "/" + caller.id() + "/" + id);
                found.add(readable(id).metadata());
            }
            answer.onNext(AttachFilesResponse.newBuilder().addAllFiles(withTexts(found, request.getMaxTextChars())).build());
            answer.onCompleted();
        }

        @Override
        public void getFiles(GetFilesRequest request, StreamObserver<GetFilesResponse> answer) {
            List<FileMetadata> found = request.getFileIdsList().stream().map(id -> readable(id)).filter(java.util.Objects::nonNull)
                    .map(Stored::metadata).toList();
            answer.onNext(GetFilesResponse.newBuilder().addAllFiles(withTexts(found, request.getMaxTextChars())).build());
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
