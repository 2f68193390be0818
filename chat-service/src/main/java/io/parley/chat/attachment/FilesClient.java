package io.parley.chat.attachment;

import io.grpc.StatusRuntimeException;
import io.parley.common.grpc.GrpcErrors;
import io.parley.proto.file.v1.AttachFilesRequest;
import io.parley.proto.file.v1.FileMetadata;
import io.parley.proto.file.v1.FilesGrpc;
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

    /** file-service answers metadata calls within 3 s (it may ask agent-service). */
    private static final long METADATA_DEADLINE_SECONDS = 3;
    /** Reading an image of up to {@link Attachments#MAX_IMAGE_BYTES} from an object store. */
    private static final long READ_DEADLINE_SECONDS = 30;

    private final FilesGrpc.FilesBlockingStub files;

    FilesClient(GrpcChannelFactory channels) {
        this.files = FilesGrpc.newBlockingStub(channels.createChannel("file"));
    }

    /**
     * @throws io.parley.common.error.ApiException mapped from the call's status: NOT_FOUND naming the
     *                                             files that are unknown or not the person's to use
     */
    List<FileMetadata> attach(List<String> fileIds) {
        try {
            return files.withDeadlineAfter(METADATA_DEADLINE_SECONDS, TimeUnit.SECONDS)
                    .attachFiles(AttachFilesRequest.newBuilder().addAllFileIds(fileIds).build()).getFilesList();
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.toApiException(e);
        }
    }

    /** The whole file; callers only ask for files whose size they have checked. */
    byte[] read(String fileId) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            Iterator<ReadFileResponse> chunks = files.withDeadlineAfter(READ_DEADLINE_SECONDS, TimeUnit.SECONDS)
                    .readFile(ReadFileRequest.newBuilder().setFileId(fileId).build());
            chunks.forEachRemaining(chunk -> bytes.writeBytes(chunk.getData().toByteArray()));
            return bytes.toByteArray();
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.toApiException(e);
        }
    }
}
