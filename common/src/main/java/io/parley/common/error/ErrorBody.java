package io.parley.common.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The one error shape every Parley process answers with: {@code {"error","message"}} plus
 * {@code details} and {@code requestId} where they help. LibreChat's client reads {@code message};
 * the specification reads {@code error}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ErrorBody(String error, String message, List<ApiException.FieldProblem> details, String requestId) {

    public static ErrorBody of(String error, String message) {
        return new ErrorBody(error, message, List.of(), null);
    }

    /** What a status means when nothing more is known (a refusal by the container or the framework). */
    public static ErrorBody forStatus(int status) {
        return switch (status) {
            case 400 -> of("invalid_request", "The request is invalid");
            case 401 -> of("unauthorized", "Unauthorized");
            case 403 -> of("forbidden", "You are not allowed to do this");
            case 404 -> of("not_found", "Endpoint not found");
            case 405 -> of("method_not_allowed", "Method not allowed");
            case 413 -> of("payload_too_large", "The request body is too large");
            case 414 -> of("uri_too_long", "The request URI is too long");
            case 431 -> of("headers_too_large", "The request headers are too large");
            default -> status >= 400 && status < 500 ? of("invalid_request", "The request could not be served")
                    : of("internal_error", "Something went wrong");
        };
    }

    public static ErrorBody of(ApiException e, String requestId) {
        return new ErrorBody(e.error(), e.getMessage(), e.details(), requestId);
    }

    public ErrorBody withRequestId(String id) {
        return new ErrorBody(error, message, details, id);
    }
}
