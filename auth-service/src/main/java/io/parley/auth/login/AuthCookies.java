package io.parley.auth.login;

import io.parley.auth.AuthProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * LibreChat's cookies: {@code refreshToken} (the refresh token, HttpOnly, SameSite=Strict, Secure
 * behind https) and {@code token_provider=librechat}, both until the session ends.
 */
@Component
class AuthCookies {

    static final String REFRESH_TOKEN = "refreshToken";
    static final String TOKEN_PROVIDER = "token_provider";
    private static final List<String> CLEARED_ON_LOGOUT = List.of(REFRESH_TOKEN, TOKEN_PROVIDER,
            "openid_access_token", "openid_id_token", "openid_user_id");

    private final AuthProperties properties;

    AuthCookies(AuthProperties properties) {
        this.properties = properties;
    }

    void set(HttpServletRequest request, HttpServletResponse response, String refreshToken, Instant expiresAt) {
        Duration maxAge = Duration.between(Instant.now(), expiresAt);
        add(response, cookie(request, REFRESH_TOKEN, refreshToken, maxAge));
        add(response, cookie(request, TOKEN_PROVIDER, "librechat", maxAge));
    }

    void clear(HttpServletRequest request, HttpServletResponse response) {
        CLEARED_ON_LOGOUT.forEach(name -> add(response, cookie(request, name, "", Duration.ZERO)));
    }

    private ResponseCookie cookie(HttpServletRequest request, String name, String value, Duration maxAge) {
        return ResponseCookie.from(name, value).path("/").httpOnly(true).sameSite("Strict")
                .secure(secure(request)).maxAge(maxAge).build();
    }

    private boolean secure(HttpServletRequest request) {
        String configured = properties.cookieSecure();
        return configured.isBlank() ? request.isSecure() : Boolean.parseBoolean(configured);
    }

    private static void add(HttpServletResponse response, ResponseCookie cookie) {
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
    }
}
