package io.parley.file.grpc;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.parley.common.error.ApiException;
import io.parley.common.grpc.GrpcErrors;
import io.parley.common.security.CurrentUser;
import io.parley.file.avatar.AvatarImages;
import io.parley.file.files.StoredFile;
import io.parley.file.limits.FileLimits;
import io.parley.file.upload.Uploads;
import io.parley.proto.file.v1.StoreFileHeader;
import io.parley.proto.file.v1.StoreFileRequest;
import io.parley.proto.file.v1.StoreFileResponse;
import io.parley.proto.file.v1.StorePurpose;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One {@code StoreFile} call: the bytes are spooled to a temporary file as they arrive (never held in
 * memory), then pass the checks and storage of an upload; the temporary file goes in every case.
 */
final class IncomingFile implements StreamObserver<StoreFileRequest> {

    private final CurrentUser caller;
    private final StreamObserver<StoreFileResponse> response;
    private final Uploads uploads;
    private final AvatarImages avatars;
    private final FileLimits limits;
    private StoreFileHeader header;
    private Path spooled;
    private OutputStream out;
    private long received;
    private boolean over;

    IncomingFile(CurrentUser caller, StreamObserver<StoreFileResponse> response, Uploads uploads, AvatarImages avatars,
                 FileLimits limits) {
        this.caller = caller;
        this.response = response;
        this.uploads = uploads;
        this.avatars = avatars;
        this.limits = limits;
    }

    @Override
    public void onNext(StoreFileRequest request) {
        if (over) {
            return;
        }
        try {
            if (header == null) {
                if (!request.hasHeader()) {
                    throw ApiException.Invalid.field("header", "The first message must be the header");
                }
                header = request.getHeader();
                spooled = Files.createTempFile("parley-store-", ".part");
                out = Files.newOutputStream(spooled);
                return;
            }
            if (request.hasHeader()) {
                throw ApiException.Invalid.field("header", "Only the first message is a header");
            }
            received += request.getData().size();
            if (received > limit()) {
                throw new ApiException.TooLarge("The file is larger than " + limit() + " bytes");
            }
            request.getData().writeTo(out);
        } catch (ApiException e) {
            fail(GrpcErrors.toStatus(e));
        } catch (IOException e) {
            fail(Status.UNAVAILABLE.withDescription("The file could not be spooled").asException());
        }
    }

    @Override
    public void onError(Throwable cancelled) {
        over = true;
        cleanUp();
    }

    @Override
    public void onCompleted() {
        if (over) {
            return;
        }
        over = true;
        try {
            if (header == null) {
                throw ApiException.Invalid.field("header", "No header was sent");
            }
            out.close();
            SpooledPart part = new SpooledPart(spooled, header.getFilename(), header.getDeclaredType());
            StoredFile stored = switch (header.getPurpose()) {
                case STORE_PURPOSE_AVATAR -> avatars.store(caller, part);
                case STORE_PURPOSE_ATTACHMENT -> uploads.attachment(caller, header.getEndpoint(), part);
                default -> throw ApiException.Invalid.field("purpose", "Say what the file is for");
            };
            response.onNext(StoreFileResponse.newBuilder().setFile(FilesGrpcService.metadata(stored)).build());
            response.onCompleted();
        } catch (ApiException e) {
            response.onError(GrpcErrors.toStatus(e));
        } catch (IOException | RuntimeException e) {
            response.onError(Status.UNAVAILABLE.withDescription("The file could not be stored").asException());
        } finally {
            cleanUp();
        }
    }

    private long limit() {
        return header.getPurpose() == StorePurpose.STORE_PURPOSE_AVATAR ? limits.avatarSizeLimit()
                : limits.serverFileSizeLimit();
    }

    private void fail(Throwable status) {
        over = true;
        cleanUp();
        response.onError(status);
    }

    private void cleanUp() {
        try {
            if (out != null) {
                out.close();
            }
            if (spooled != null) {
                Files.deleteIfExists(spooled);
            }
        } catch (IOException ignored) {
            // a temporary file left behind is removed with the temporary directory
        }
    }
}
