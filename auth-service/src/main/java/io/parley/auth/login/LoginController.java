package io.parley.auth.login;

import io.parley.common.edge.EdgeHeaders;
import io.parley.auth.Tenants;
import io.parley.auth.twofa.TwoFactorLogin;
import io.parley.auth.user.User;
import io.parley.auth.user.UserView;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** LibreChat's {@code /api/auth/login}, {@code /refresh}, {@code /logout} and {@code /2fa/verify-temp}. */
@RestController
class LoginController {

    static final String NO_REFRESH_TOKEN = "Refresh token not provided";

    private final Login login;
    private final Sessions sessions;
    private final AuthCookies cookies;
    private final TwoFactorLogin twoFactor;

    LoginController(Login login, Sessions sessions, AuthCookies cookies, TwoFactorLogin twoFactor) {
        this.login = login;
        this.sessions = sessions;
        this.cookies = cookies;
        this.twoFactor = twoFactor;
    }

    record TokenResponse(String token, UserView user) {
    }

    @PostMapping("/api/auth/login")
    Object login(@Valid @RequestBody LoginRequest body, @RequestHeader(value = EdgeHeaders.TENANT, required = false) String tenant,
                 HttpServletRequest request, HttpServletResponse response) {
        User user = login.authenticate(Tenants.of(tenant), body.email(), body.password());
        // With 2FA: no session and no cookies until /2fa/verify-temp.
        Optional<TwoFactorLogin.Challenge> challenge = twoFactor.challenge(user);
        if (challenge.isPresent()) {
            return challenge.get();
        }
        Sessions.Issued issued = sessions.start(user);
        return respond(issued, request, response);
    }

    /** The second step of a 2FA login: the session starts, with the same cookies and body as a login. */
    @PostMapping("/api/auth/2fa/verify-temp")
    TokenResponse verifyTemp(@RequestBody(required = false) TwoFactorLogin.TempVerification body,
                             @RequestHeader(value = EdgeHeaders.TENANT, required = false) String tenant,
                             @RequestHeader(value = EdgeHeaders.CLIENT_IP, required = false) String clientIp,
                             HttpServletRequest request, HttpServletResponse response) {
        return respond(sessions.start(twoFactor.complete(Tenants.of(tenant), clientIp, body)), request, response);
    }

    /**
     * Without a refresh cookie there is no session to refresh: LibreChat answers 200 with a plain text
     * its web client reads as "signed out" (it asks on every page load), so Parley does too.
     */
    @PostMapping("/api/auth/refresh")
    ResponseEntity<?> refresh(@CookieValue(value = AuthCookies.REFRESH_TOKEN, required = false) String refreshToken,
                              HttpServletRequest request, HttpServletResponse response) {
        if (refreshToken == null || refreshToken.isBlank()) {
            return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(NO_REFRESH_TOKEN);
        }
        try {
            return ResponseEntity.ok(respond(sessions.refresh(refreshToken), request, response));
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
