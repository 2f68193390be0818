package io.parley.common.grpc;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.parley.common.error.ApiException;
import io.parley.proto.common.v1.ErrorDetail;
import java.util.List;

/**
 * One error vocabulary across HTTP and gRPC: a callee turns an {@link ApiException} into a status
 * with an {@link ErrorDetail}; a caller's client turns the status back, so the end user gets the
 * callee's own words. A user's mistake never becomes INTERNAL.
 */
public final class GrpcErrors {

    private GrpcErrors() {
    }

    public static StatusException toStatus(ApiException e) {
        Status.Code code = switch (e) {
            case ApiException.Invalid i -> Status.Code.INVALID_ARGUMENT;
            case ApiException.Unauthorized u -> Status.Code.UNAUTHENTICATED;
            case ApiException.Forbidden f -> Status.Code.PERMISSION_DENIED;
            case ApiException.NotFound n -> Status.Code.NOT_FOUND;
            case ApiException.Conflict c -> Status.Code.ALREADY_EXISTS;
            case ApiException.TooLarge t -> Status.Code.OUT_OF_RANGE;
            case ApiException.Unprocessable u -> Status.Code.FAILED_PRECONDITION;
            case ApiException.LimitExceeded l -> Status.Code.RESOURCE_EXHAUSTED;
            case ApiException.Unavailable u -> Status.Code.UNAVAILABLE;
        };
        com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
                .setCode(code.value())
                .setMessage(e.getMessage())
                .addDetails(Any.pack(ErrorDetail.newBuilder().setError(e.error()).setMessage(e.getMessage()).build()))
                .build();
        return StatusProto.toStatusException(status);
    }

    /** For an {@code XClient}: the callee's failure as our own exception, with its {@code error} and message. */
    public static ApiException toApiException(StatusRuntimeException e) {
        Status status = e.getStatus();
        ErrorDetail detail = detail(e);
        String message = detail != null ? detail.getMessage()
                : status.getDescription() != null ? status.getDescription() : "The call failed";
        String error = detail != null && !detail.getError().isEmpty() ? detail.getError() : null;
        return switch (status.getCode()) {
            case INVALID_ARGUMENT, FAILED_PRECONDITION -> error == null ? new ApiException.Invalid(message)
                    : new ApiException.Invalid(error, message, List.of());
            case UNAUTHENTICATED -> error == null ? new ApiException.Unauthorized(message)
                    : new ApiException.Unauthorized(error, message);
            case PERMISSION_DENIED -> error == null ? new ApiException.Forbidden(message)
                    : new ApiException.Forbidden(error, message);
            case NOT_FOUND -> error == null ? new ApiException.NotFound(message) : new ApiException.NotFound(error, message);
            case ALREADY_EXISTS, ABORTED -> new ApiException.Conflict(message);
            case OUT_OF_RANGE -> new ApiException.TooLarge(message);
            case RESOURCE_EXHAUSTED -> new ApiException.LimitExceeded(message);
            default -> new ApiException.Unavailable("A service Parley depends on did not answer in time");
        };
    }

    private static ErrorDetail detail(StatusRuntimeException e) {
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        if (status == null) {
            return null;
        }
        for (Any any : status.getDetailsList()) {
            if (any.is(ErrorDetail.class)) {
                try {
                    return any.unpack(ErrorDetail.class);
                } catch (InvalidProtocolBufferException ignored) {
                    return null;
                }
            }
        }
        return null;
    }
}
