package io.parley.mcp.oauth;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * The cookie that ties a sign-in to the browser of the person who started it (LibreChat's
 * {@code oauth_csrf}): set when they start it or bind it ({@code /reinitialize}, {@code /oauth/initiate},
 * {@code /oauth/bind}) and required by the callback, so that a link passed to someone else cannot put
 * that person's account at the server into the starter's hands. One cookie per server, so sign-ins to
 * several servers at once do not displace each other. HttpOnly, SameSite=Lax (the authorization
 * server's redirect back is a cross-site navigation, on which Strict would not be sent), only under
 * {@code /api/mcp}, Secure when the request came over https.
 */
final class BrowserBinding {

    static final String PATH = "/api/mcp";

    private BrowserBinding() {
    }

    static String cookieName(String serverName) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(serverName.getBytes(StandardCharsets.UTF_8));
            return "mcp_oauth_" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void set(HttpServletRequest request, HttpServletResponse response, String serverName, String value, Duration maxAge) {
        response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(cookieName(serverName), value).path(PATH).httpOnly(true)
                .sameSite("Lax").secure(request.isSecure()).maxAge(maxAge).build().toString());
    }

    static @Nullable String read(HttpServletRequest request, String serverName) {
        String name = cookieName(serverName);
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (name.equals(cookie.getName())) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }

    static void clear(HttpServletRequest request, HttpServletResponse response, String serverName) {
        set(request, response, serverName, "", Duration.ZERO);
    }

    static boolean matches(@Nullable String sent, String expected) {
        return sent != null && !expected.isEmpty() && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }
}
