package io.parley.common.security;

import io.parley.common.error.ErrorBody;
import io.parley.common.request.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import tools.jackson.databind.json.JsonMapper;

/** Spring Security's 401, 403 and the 503 of a token that cannot be checked yet, written in Parley's error shape. */
final class JsonSecurityErrors {

    private final JsonMapper json;

    JsonSecurityErrors(JsonMapper json) {
        this.json = json;
    }

    AuthenticationEntryPoint unauthorized() {
        return (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Bearer");
            write(request, response, 401, ErrorBody.of("unauthorized", "Unauthorized"));
        };
    }

    AccessDeniedHandler forbidden() {
        return (request, response, e) -> write(request, response, 403,
                ErrorBody.of("forbidden", "You are not allowed to do this"));
    }

    /**
     * A bearer token that failed: 503 with {@code Retry-After} when the verification keys could not be
     * had ({@link KeysUnavailableException}), otherwise as Spring Security answers (401 for a bad token;
     * any other failure of the process rethrown).
     */
    AuthenticationFailureHandler bearerTokenFailed() {
        AuthenticationFailureHandler refused = new AuthenticationEntryPointFailureHandler(unauthorized());
        return (request, response, e) -> {
            if (KeysUnavailableException.isCauseOf(e)) {
                response.setHeader(HttpHeaders.RETRY_AFTER,
                        Long.toString(KeysUnavailableException.RETRY_AFTER.toSeconds()));
                write(request, response, 503, ErrorBody.of("unavailable",
                        "The service is starting or cannot reach the sign-in service; try again shortly"));
            } else {
                refused.onAuthenticationFailure(request, response, e);
            }
        };
    }

    private void write(HttpServletRequest request, HttpServletResponse response, int status, ErrorBody body)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), body.withRequestId(RequestIdFilter.current(request)));
    }
}
