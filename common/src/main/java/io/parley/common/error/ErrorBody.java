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

    public static ErrorBody of(ApiException e, String requestId) {
        return new ErrorBody(e.error(), e.getMessage(), e.details(), requestId);
    }

    public ErrorBody withRequestId(String id) {
        return new ErrorBody(error, message, details, id);
    }
}
