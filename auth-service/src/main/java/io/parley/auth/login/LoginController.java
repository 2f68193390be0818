package io.parley.auth.login;

import io.parley.auth.Tenants;
import io.parley.auth.user.UserView;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.util.Map;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** LibreChat's {@code /api/auth/login}, {@code /refresh} and {@code /logout}. */
@RestController
class LoginController {

    private final Login login;
    private final Sessions sessions;
    private final AuthCookies cookies;

    LoginController(Login login, Sessions sessions, AuthCookies cookies) {
        this.login = login;
        this.sessions = sessions;
        this.cookies = cookies;
    }

    record TokenResponse(String token, UserView user) {
    }

    @PostMapping("/api/auth/login")
    TokenResponse login(@Valid @RequestBody LoginRequest body, @RequestHeader(value = Tenants.HEADER, required = false) String tenant,
                        HttpServletRequest request, HttpServletResponse response) {
        Sessions.Issued issued = sessions.start(login.authenticate(Tenants.of(tenant), body.email(), body.password()));
        return respond(issued, request, response);
    }

    @PostMapping("/api/auth/refresh")
    TokenResponse refresh(@CookieValue(value = AuthCookies.REFRESH_TOKEN, required = false) String refreshToken,
                          HttpServletRequest request, HttpServletResponse response) {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw new ApiException.Unauthorized("Refresh token not provided");
        }
        try {
            return respond(sessions.refresh(refreshToken), request, response);
        } catch (ApiException.Unauthorized e) {
            cookies.clear(request, response);
            throw e;
        }
    }

    @PostMapping("/api/auth/logout")
    Map<String, String> logout(CurrentUser caller,
                               @CookieValue(value = AuthCookies.REFRESH_TOKEN, required = false) String refreshToken,
                               HttpServletRequest request, HttpServletResponse response) {
        sessions.end(caller.tenantId(), caller.id(), caller.sessionId(), refreshToken);
        cookies.clear(request, response);
        return Map.of("message", "Logout successful");
    }

    private TokenResponse respond(Sessions.Issued issued, HttpServletRequest request, HttpServletResponse response) {
        cookies.set(request, response, issued.refreshToken(), issued.expiresAt());
        return new TokenResponse(issued.accessToken(), UserView.of(issued.user()));
    }
}
