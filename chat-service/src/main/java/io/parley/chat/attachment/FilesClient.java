package io.parley.chat.attachment;

import io.grpc.StatusRuntimeException;
import io.parley.common.error.ApiException;
import io.parley.common.grpc.GrpcErrors;
import io.parley.proto.file.v1.AttachFilesRequest;
import io.parley.proto.file.v1.FileMetadata;
import io.parley.proto.file.v1.FilesGrpc;
import io.parley.proto.file.v1.GetFilesRequest;
import io.parley.proto.file.v1.ReadFileRequest;
import io.parley.proto.file.v1.ReadFileResponse;
import java.io.ByteArrayOutputStream;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.stereotype.Component;

/** file-service's {@code Files}, for the person whose token the request carries. */
@Component
class FilesClient {

    /** Metadata calls take the {@code file} channel's deadline (3 s: file-service may ask agent-service). Reading an image of up to {@link Attachments#MAX_IMAGE_BYTES} from an object store. */
    private static final long READ_DEADLINE_SECONDS = 30;

    private final FilesGrpc.FilesBlockingStub files;

    FilesClient(GrpcChannelFactory channels) {
        this.files = FilesGrpc.newBlockingStub(channels.createChannel("file"));
    }

    /**
     * @throws io.parley.common.error.ApiException mapped from the call's status: NOT_FOUND naming the
     *                                             files that are unknown or not the person's to use
     */
    List<FileMetadata> attach(List<String> fileIds, int maxTextChars) {
        try {
            return files.attachFiles(AttachFilesRequest.newBuilder().addAllFileIds(fileIds).setMaxTextChars(maxTextChars)
                    .build()).getFilesList();
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.toApiException(e);
        }
    }

    /**
     * The readable files among the ids, with up to {@code maxTextChars} of their texts in all (the first
     * files first); the others are left out.
     *
     * @throws io.parley.common.error.ApiException mapped from the call's status (file-service unreachable: Unavailable)
     */
    List<FileMetadata> get(List<String> fileIds, int maxTextChars) {
        try {
            return files.getFiles(GetFilesRequest.newBuilder().addAllFileIds(fileIds).setMaxTextChars(maxTextChars).build())
                    .getFilesList();
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.toApiException(e);
        }
    }

    /** A file read whole: file-service's description of it and its bytes. */
    record Read(FileMetadata metadata, byte[] bytes) {
    }

    /**
     * The file, when it has at most {@code maxBytes}: no more than that is ever asked for, so a record
     * that understates a file's size cannot make this hold a large one.
     *
     * @throws io.parley.common.error.ApiException.TooLarge when the file is larger
     */
    Read read(String fileId, long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: 0 would read the whole file");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FileMetadata metadata = null;
        try {
            Iterator<ReadFileResponse> chunks = files.withDeadlineAfter(READ_DEADLINE_SECONDS, TimeUnit.SECONDS)
                    .readFile(ReadFileRequest.newBuilder().setFileId(fileId).setLength(maxBytes).build());
            while (chunks.hasNext()) {
                ReadFileResponse chunk = chunks.next();
                if (chunk.hasMetadata()) {
                    metadata = chunk.getMetadata();
                }
                bytes.writeBytes(chunk.getData().toByteArray());
            }
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.toApiException(e);
        }
        if (metadata == null || metadata.getBytes() > maxBytes) {
            throw new ApiException.TooLarge("The file has more than " + maxBytes + " bytes");
        }
        return new Read(metadata, bytes.toByteArray());
    }
}
