package io.parley.auth.oauth;

import io.parley.auth.AuthProperties;
import io.parley.auth.identityprovider.OAuthProperties;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * The cookie that ties a started sign-in to the browser that started it. SameSite=Lax, not Strict:
 * the provider's redirect back is a cross-site navigation, on which a Strict cookie would not be sent.
 */
@Component
class BrowserBinding {

    static final String COOKIE = "parley_oauth";

    private final AuthProperties auth;
    private final Duration lifetime;

    BrowserBinding(AuthProperties auth, OAuthProperties properties) {
        this.auth = auth;
        this.lifetime = properties.stateLifetime();
    }

    void set(HttpServletRequest request, HttpServletResponse response, String value) {
        add(request, response, value, lifetime);
    }

    /** The value the browser sent, or null; the cookie is removed either way, being good for one callback. */
    String take(HttpServletRequest request, HttpServletResponse response) {
        String value = null;
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (COOKIE.equals(cookie.getName())) {
                    value = cookie.getValue();
                }
            }
        }
        add(request, response, "", Duration.ZERO);
        return value;
    }

    private void add(HttpServletRequest request, HttpServletResponse response, String value, Duration maxAge) {
        String configured = auth.cookieSecure();
        boolean secure = configured.isBlank() ? request.isSecure() : Boolean.parseBoolean(configured);
        response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(COOKIE, value).path("/").httpOnly(true)
                .sameSite("Lax").secure(secure).maxAge(maxAge).build().toString());
    }
}
