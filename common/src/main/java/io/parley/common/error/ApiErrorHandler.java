package io.parley.common.error;

import io.parley.common.request.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestCookieException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Maps every failure of a service's web layer to {@link ErrorBody}. A user's mistake is a 4xx with a
 * sentence; anything unexpected is a 500 that names the request id and shows no stack trace.
 */
@RestControllerAdvice
public class ApiErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ErrorBody> api(ApiException e, HttpServletRequest request) {
        return respond(e.status(), ErrorBody.of(e, RequestIdFilter.current(request)));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorBody> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        if (e.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            // e.g. {"email":{"$gt":""}}: an operator object where a string belongs
            String field = String.join(".", mismatch.getPath().stream()
                    .map(r -> r.getPropertyName() != null ? r.getPropertyName() : String.valueOf(r.getIndex())).toList());
            return api(ApiException.Invalid.field(field, "has the wrong type"), request);
        }
        return respond(400, ErrorBody.of("invalid_json", "The request body contains malformed JSON")
                .withRequestId(RequestIdFilter.current(request)));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ErrorBody> invalid(MethodArgumentNotValidException e, HttpServletRequest request) {
        List<ApiException.FieldProblem> problems = e.getBindingResult().getFieldErrors().stream()
                .map(ApiErrorHandler::problem).toList();
        return api(new ApiException.Invalid("invalid_request", summary(problems), problems), request);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ErrorBody> violated(ConstraintViolationException e, HttpServletRequest request) {
        List<ApiException.FieldProblem> problems = e.getConstraintViolations().stream()
                .map(v -> new ApiException.FieldProblem(leaf(v.getPropertyPath().toString()), v.getMessage()))
                .toList();
        return api(new ApiException.Invalid("invalid_request", summary(problems), problems), request);
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MissingRequestCookieException.class,
            MethodArgumentTypeMismatchException.class})
    ResponseEntity<ErrorBody> badParameter(Exception e, HttpServletRequest request) {
        String name = switch (e) {
            case MissingServletRequestParameterException m -> m.getParameterName();
            case MissingRequestCookieException m -> m.getCookieName();
            case MethodArgumentTypeMismatchException m -> m.getName();
            default -> "request";
        };
        return api(ApiException.Invalid.field(name, "is missing or has the wrong type"), request);
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<ErrorBody> noRoute(Exception e, HttpServletRequest request) {
        return respond(404, ErrorBody.of("not_found", "Endpoint not found")
                .withRequestId(RequestIdFilter.current(request)));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ErrorBody> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return respond(405, ErrorBody.of("method_not_allowed", "Method " + e.getMethod() + " is not allowed here")
                .withRequestId(RequestIdFilter.current(request)));
    }

    /** A route that produces one kind of body (a stream, a file) asked for another. */
    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ErrorBody> notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletRequest request) {
        return respond(406, ErrorBody.of("not_acceptable", "This route answers " + e.getSupportedMediaTypes())
                .withRequestId(RequestIdFilter.current(request)));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ErrorBody> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return respond(415, ErrorBody.of("unsupported_media_type", "Send the body as application/json")
                .withRequestId(RequestIdFilter.current(request)));
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ErrorBody> tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
        return api(new ApiException.TooLarge("The upload is larger than allowed"), request);
    }

    /** A multipart body cut short, or with a header the container refuses (a NUL in a file name). */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ErrorBody> unreadableMultipart(MultipartException e, HttpServletRequest request) {
        return api(new ApiException.Invalid("The multipart body could not be read"), request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorBody> unexpected(Exception e, HttpServletRequest request) {
        String requestId = RequestIdFilter.current(request);
        log.error("Unexpected failure request_id={} path={}", requestId, request.getRequestURI(), e);
        return respond(500, ErrorBody.of("internal_error", "Something went wrong. Quote request id " + requestId
                + " when reporting it.").withRequestId(requestId));
    }

    /**
     * Always JSON, whatever the request's {@code Accept} says: a client following a live stream or
     * downloading a file must still learn that the id is not theirs (404), not get a 406 because an
     * error cannot be written as {@code text/event-stream}. A preset content type skips Spring's
     * negotiation.
     */
    private static ResponseEntity<ErrorBody> respond(int status, ErrorBody body) {
        return ResponseEntity.status(HttpStatus.valueOf(status)).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private static ApiException.FieldProblem problem(FieldError error) {
        return new ApiException.FieldProblem(error.getField(),
                error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage());
    }

    private static String leaf(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private static String summary(List<ApiException.FieldProblem> problems) {
        return problems.isEmpty() ? "The request is invalid"
                : String.join("; ", problems.stream().map(p -> p.field() + ": " + p.message()).toList());
    }
}
