package io.parley.common.security;

import io.parley.common.error.ErrorBody;
import io.parley.common.request.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/** Spring Security's 401 and 403, written in Parley's error shape. */
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

    private void write(HttpServletRequest request, HttpServletResponse response, int status, ErrorBody body)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), body.withRequestId(RequestIdFilter.current(request)));
    }
}
