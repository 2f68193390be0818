package io.parley.file.grpc;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.parley.common.error.ApiException;
import io.parley.common.grpc.GrpcCaller;
import io.parley.common.grpc.GrpcErrors;
import io.parley.common.security.CurrentUser;
import io.parley.file.avatar.AvatarImages;
import io.parley.file.files.FileAccess;
import io.parley.file.files.FileRecords;
import io.parley.file.files.StoredFile;
import io.parley.file.limits.FileLimits;
import io.parley.file.upload.Uploads;
import io.parley.proto.file.v1.AttachFilesRequest;
import io.parley.proto.file.v1.AttachFilesResponse;
import io.parley.proto.file.v1.FileMetadata;
import io.parley.proto.file.v1.FilesGrpc;
import io.parley.proto.file.v1.GetFilesRequest;
import io.parley.proto.file.v1.GetFilesResponse;
import io.parley.proto.file.v1.ReadFileRequest;
import io.parley.proto.file.v1.ReadFileResponse;
import io.parley.proto.file.v1.StoreFileRequest;
import io.parley.proto.file.v1.StoreFileResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Service;

/** {@code parley.file.v1.Files}: files for the end user whose token the calling service relays. */
@Service
class FilesGrpcService extends FilesGrpc.FilesImplBase {

    static final int MAX_IDS = 100;
    static final int CHUNK = 64 * 1024;
    /** Text characters one answer carries at most: 3 MB of UTF-8 at worst, within a client's default 4 MiB. */
    static final int MAX_TEXT_CHARS = 1_000_000;

    private final FileAccess access;
    private final FileRecords records;
    private final Uploads uploads;
    private final AvatarImages avatars;
    private final FileLimits limits;

    FilesGrpcService(FileAccess access, FileRecords records, Uploads uploads, AvatarImages avatars, FileLimits limits) {
        this.access = access;
        this.records = records;
        this.uploads = uploads;
        this.avatars = avatars;
        this.limits = limits;
    }

    @Override
    public void getFiles(GetFilesRequest request, StreamObserver<GetFilesResponse> response) {
        CurrentUser caller = GrpcCaller.require();
        List<StoredFile> files = access.readableAmong(caller, ids(request.getFileIdsList()));
        response.onNext(GetFilesResponse.newBuilder().addAllFiles(withTexts(caller, files, request.getMaxTextChars()))
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
        if (!ids.isEmpty() && records.attach(caller.tenantId(), ids, Instant.now()) < ids.size()) {
            throw new ApiException.NotFound("Not Found", "A file expired while it was attached");
        }
        // the same files, as updated: access was settled above and is not asked of agent-service again
        Map<String, StoredFile> updated = new HashMap<>();
        records.findAll(caller.tenantId(), ids).forEach(file -> updated.put(file.fileId(), file));
        List<StoredFile> attached = ids.stream().map(updated::get).filter(Objects::nonNull).toList();
        response.onNext(AttachFilesResponse.newBuilder().addAllFiles(withTexts(caller, attached, request.getMaxTextChars()))
                .build());
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

    @Override
    public StreamObserver<StoreFileRequest> storeFile(StreamObserver<StoreFileResponse> response) {
        CurrentUser caller;
        try {
            caller = GrpcCaller.require();
        } catch (ApiException e) {
            response.onError(GrpcErrors.toStatus(e));
            return new IgnoredRequests();
        }
        return new IncomingFile(caller, response, uploads, avatars, limits);
    }

    /** What a refused call receives: nothing more is done with it. */
    private static final class IgnoredRequests implements StreamObserver<StoreFileRequest> {
        @Override
        public void onNext(StoreFileRequest request) {
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onCompleted() {
        }
    }

    private static List<String> ids(List<String> asked) {
        List<String> ids = List.copyOf(new LinkedHashSet<>(asked));
        if (ids.size() > MAX_IDS) {
            throw ApiException.Invalid.field("file_ids", "At most " + MAX_IDS + " files per call");
        }
        return ids;
    }

    /**
     * The files' metadata, with as much of their texts as {@code maxTextChars} allows, in order. Texts are
     * read one at a time and only while room is left, so an answer never holds more than it sends.
     */
    private List<FileMetadata> withTexts(CurrentUser caller, List<StoredFile> files, int maxTextChars) {
        int room = Math.min(Math.max(maxTextChars, 0), MAX_TEXT_CHARS);
        List<FileMetadata> out = new java.util.ArrayList<>();
        for (StoredFile file : files) {
            FileMetadata metadata = metadata(file);
            if (file.textLength() > 0 && room > 0) {
                String text = records.text(caller.tenantId(), file.fileId());
                if (text != null) {
                    String sent = cut(text, room);
                    room -= sent.length();
                    metadata = metadata.toBuilder().setText(sent).build();
                }
            }
            out.add(metadata);
        }
        return out;
    }

    /** The first {@code max} characters, one fewer where the last would be half a surrogate pair. */
    private static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }

    static FileMetadata metadata(StoredFile file) {
        FileMetadata.Builder out = FileMetadata.newBuilder().setFileId(file.fileId()).setUser(file.user())
                .setFilename(file.filename()).setFilepath(file.filepath()).setType(file.type()).setBytes(file.bytes())
                .setSource(file.source()).setContext(file.context()).setCreatedAt(file.createdAt().toString())
                .setUpdatedAt(file.updatedAt().toString()).setTextLength(file.textLength());
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
