package io.parley.file.files;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.parley.common.error.ApiException;
import io.parley.common.grpc.GrpcCaller;
import io.parley.common.security.CurrentUser;
import io.parley.proto.file.v1.AttachFilesRequest;
import io.parley.proto.file.v1.AttachFilesResponse;
import io.parley.proto.file.v1.FileMetadata;
import io.parley.proto.file.v1.FilesGrpc;
import io.parley.proto.file.v1.GetFilesRequest;
import io.parley.proto.file.v1.GetFilesResponse;
import io.parley.proto.file.v1.ReadFileRequest;
import io.parley.proto.file.v1.ReadFileResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;

/** {@code parley.file.v1.Files}: files for the end user whose token the calling service relays. */
@Service
class FilesGrpcService extends FilesGrpc.FilesImplBase {

    static final int MAX_IDS = 100;
    static final int CHUNK = 64 * 1024;

    private final FileAccess access;
    private final FileStore store;

    FilesGrpcService(FileAccess access, FileStore store) {
        this.access = access;
        this.store = store;
    }

    @Override
    public void getFiles(GetFilesRequest request, StreamObserver<GetFilesResponse> response) {
        List<StoredFile> files = access.readableAmong(GrpcCaller.require(), ids(request.getFileIdsList()));
        response.onNext(GetFilesResponse.newBuilder().addAllFiles(files.stream().map(FilesGrpcService::metadata).toList())
                .build());
        response.onCompleted();
    }

    @Override
    public void attachFiles(AttachFilesRequest request, StreamObserver<AttachFilesResponse> response) {
        CurrentUser caller = GrpcCaller.require();
        List<String> ids = ids(request.getFileIdsList());
        List<StoredFile> readable = access.readableAmong(caller, ids);
        if (readable.size() < ids.size()) {
            Set<String> missing = new LinkedHashSet<>(ids);
            readable.forEach(file -> missing.remove(file.fileId()));
            throw new ApiException.NotFound("Not Found", "File not found: " + String.join(", ", missing));
        }
        if (!ids.isEmpty() && store.attach(caller.tenantId(), ids, Instant.now()) < ids.size()) {
            throw new ApiException.NotFound("Not Found", "A file expired while it was attached");
        }
        List<StoredFile> attached = access.readableAmong(caller, ids);
        response.onNext(AttachFilesResponse.newBuilder()
                .addAllFiles(attached.stream().map(FilesGrpcService::metadata).toList()).build());
        response.onCompleted();
    }

    /**
     * Sends chunks only while the caller's window has room ({@code isReady}); gRPC calls the handler
     * again when it has, so a slow reader holds at most a window of the file here.
     */
    @Override
    public void readFile(ReadFileRequest request, StreamObserver<ReadFileResponse> response) {
        StoredFile file = access.readableAmong(GrpcCaller.require(), List.of(request.getFileId())).stream().findFirst()
                .orElseThrow(() -> new ApiException.NotFound("Not Found", "File not found"));
        long offset = request.getOffset();
        if (offset < 0 || request.getLength() < 0) {
            throw ApiException.Invalid.field("offset", "offset and length must not be negative");
        }
        if (offset > file.bytes() || (offset == file.bytes() && file.bytes() > 0)) {
            throw new ApiException.TooLarge("The offset " + offset + " is past the file's " + file.bytes() + " bytes");
        }
        long length = request.getLength() == 0 ? file.bytes() - offset : Math.min(request.getLength(), file.bytes() - offset);
        InputStream in;
        try {
            in = length == 0 ? InputStream.nullInputStream() : access.read(file, offset, length);
        } catch (IOException e) {
            throw new ApiException.Unavailable("The file's storage could not be read");
        }
        ServerCallStreamObserver<ReadFileResponse> out = (ServerCallStreamObserver<ReadFileResponse>) response;
        out.setOnCancelHandler(() -> closeQuietly(in));
        out.setOnReadyHandler(new Runnable() {
            private boolean first = true;
            private boolean done;

            @Override
            public void run() {
                try {
                    while (!done && out.isReady()) {
                        byte[] chunk = in.readNBytes(CHUNK);
                        if (chunk.length > 0 || first) {
                            ReadFileResponse.Builder message = ReadFileResponse.newBuilder().setData(ByteString.copyFrom(chunk));
                            if (first) {
                                message.setMetadata(metadata(file));
                                first = false;
                            }
                            out.onNext(message.build());
                        }
                        if (chunk.length < CHUNK) {
                            done = true;
                            closeQuietly(in);
                            out.onCompleted();
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    done = true;
                    closeQuietly(in);
                    out.onError(Status.UNAVAILABLE.withDescription("The file's storage could not be read").asRuntimeException());
                }
            }
        });
    }

    private static List<String> ids(List<String> asked) {
        List<String> ids = List.copyOf(new LinkedHashSet<>(asked));
        if (ids.size() > MAX_IDS) {
            throw ApiException.Invalid.field("file_ids", "At most " + MAX_IDS + " files per call");
        }
        return ids;
    }

    static FileMetadata metadata(StoredFile file) {
        FileMetadata.Builder out = FileMetadata.newBuilder().setFileId(file.fileId()).setUser(file.user())
                .setFilename(file.filename()).setFilepath(file.filepath()).setType(file.type()).setBytes(file.bytes())
                .setSource(file.source()).setContext(file.context()).setCreatedAt(file.createdAt().toString())
                .setUpdatedAt(file.updatedAt().toString());
        if (file.width() != null) {
            out.setWidth(file.width()).setHeight(file.height());
        }
        return out.build();
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the stream is abandoned either way
        }
    }
}
