package io.parley.common.error;

import java.util.List;

/**
 * A failure the caller can act on: its HTTP status, a short code for machines ({@code error}) and a
 * sentence for people ({@code message}). The domain throws one of the subclasses and never sees an
 * HTTP status; {@link ApiErrorHandler} and the gRPC exception handler turn it into the wire shape.
 */
public abstract sealed class ApiException extends RuntimeException
        permits ApiException.Invalid, ApiException.Unauthorized, ApiException.Forbidden, ApiException.NotFound,
        ApiException.Conflict, ApiException.TooLarge, ApiException.Unprocessable, ApiException.LimitExceeded,
        ApiException.Unavailable {

    private final String error;
    private final transient List<FieldProblem> details;

    protected ApiException(String error, String message, List<FieldProblem> details) {
        super(message, null, false, false);
        this.error = error;
        this.details = List.copyOf(details);
    }

    /** Short machine-readable code, e.g. {@code invalid_request}. */
    public String error() {
        return error;
    }

    /** Per-field problems; empty when the failure is not about one field. */
    public List<FieldProblem> details() {
        return details;
    }

    /** The HTTP status this failure answers with. */
    public abstract int status();

    /** One rejected input field. */
    public record FieldProblem(String field, String message) {
    }

    public static final class Invalid extends ApiException {
        public Invalid(String message) {
            this("invalid_request", message, List.of());
        }

        public Invalid(String error, String message, List<FieldProblem> details) {
            super(error, message, details);
        }

        public static Invalid field(String field, String message) {
            return new Invalid("invalid_request", field + ": " + message, List.of(new FieldProblem(field, message)));
        }

        @Override
        public int status() {
            return 400;
        }
    }

    public static final class Unauthorized extends ApiException {
        public Unauthorized(String message) {
            this("unauthorized", message);
        }

        public Unauthorized(String error, String message) {
            super(error, message, List.of());
        }

        @Override
        public int status() {
            return 401;
        }
    }

    public static final class Forbidden extends ApiException {
        public Forbidden(String message) {
            this("forbidden", message);
        }

        public Forbidden(String error, String message) {
            super(error, message, List.of());
        }

        @Override
        public int status() {
            return 403;
        }
    }

    public static final class NotFound extends ApiException {
        public NotFound(String message) {
            this("not_found", message);
        }

        /** With the {@code error} a LibreChat route answers, e.g. {@code "Agent not found"}. */
        public NotFound(String error, String message) {
            super(error, message, List.of());
        }

        @Override
        public int status() {
            return 404;
        }
    }

    public static final class Conflict extends ApiException {
        public Conflict(String message) {
            super("conflict", message, List.of());
        }

        @Override
        public int status() {
            return 409;
        }
    }

    public static final class TooLarge extends ApiException {
        public TooLarge(String message) {
            super("payload_too_large", message, List.of());
        }

        @Override
        public int status() {
            return 413;
        }
    }

    /** Well-formed, but refused for what it contains (e.g. an upload a virus scanner flags). */
    public static final class Unprocessable extends ApiException {
        public Unprocessable(String error, String message) {
            super(error, message, List.of());
        }

        @Override
        public int status() {
            return 422;
        }
    }

    public static final class LimitExceeded extends ApiException {
        public LimitExceeded(String message) {
            super("rate_limited", message, List.of());
        }

        @Override
        public int status() {
            return 429;
        }
    }

    public static final class Unavailable extends ApiException {
        public Unavailable(String message) {
            super("unavailable", message, List.of());
        }

        @Override
        public int status() {
            return 503;
        }
    }
}
