package io.parley.auth.login;

import io.parley.common.error.ErrorBody;
import io.parley.common.request.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** LibreChat's 422 {@code {message:"Email not verified."}}, in Parley's error shape. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class EmailNotVerifiedHandler {

    @ExceptionHandler(EmailNotVerified.class)
    ResponseEntity<ErrorBody> notVerified(EmailNotVerified e, HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT)
                .body(ErrorBody.of("email_not_verified", EmailNotVerified.MESSAGE).withRequestId(RequestIdFilter.current(request)));
    }
}
