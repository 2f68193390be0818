package io.parley.common.web;

import io.parley.common.error.ErrorBody;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the servlet container's error dispatch (failures outside controllers, e.g. in filters)
 * in Parley's error shape instead of Boot's default page.
 */
@RestController
class JsonErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ErrorBody> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer i ? HttpStatus.resolve(i) : null;
        if (status == null) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        ErrorBody body = switch (status.value()) {
            case 400 -> ErrorBody.of("invalid_request", "The request is invalid");
            case 401 -> ErrorBody.of("unauthorized", "Unauthorized");
            case 403 -> ErrorBody.of("forbidden", "You are not allowed to do this");
            case 404 -> ErrorBody.of("not_found", "Endpoint not found");
            case 413 -> ErrorBody.of("payload_too_large", "The request body is too large");
            default -> status.is4xxClientError() ? ErrorBody.of("invalid_request", status.getReasonPhrase())
                    : ErrorBody.of("internal_error", "Something went wrong");
        };
        return ResponseEntity.status(status).body(body.withRequestId(RequestIdFilter.current(request)));
    }
}
