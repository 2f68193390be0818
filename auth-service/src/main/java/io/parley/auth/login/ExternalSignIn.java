package io.parley.auth.login;

import io.parley.auth.user.User;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Signs in a person whom another system has vouched for (an OAuth or OpenID Connect provider): the
 * same session and cookies as a password login, for callers outside this package.
 */
@Component
public class ExternalSignIn {

    private final Sessions sessions;
    private final AuthCookies cookies;

    ExternalSignIn(Sessions sessions, AuthCookies cookies) {
        this.sessions = sessions;
        this.cookies = cookies;
    }

    /** The session started; its id is the {@code sid} claim of the access tokens it will issue. */
    public record Started(String sessionId, Instant expiresAt) {
    }

    /** Starts a login session for {@code user} and sets the refresh cookies on {@code response}. */
    public Started start(User user, HttpServletRequest request, HttpServletResponse response) {
        Sessions.Issued issued = sessions.start(user);
        cookies.set(request, response, issued.refreshToken(), issued.expiresAt());
        return new Started(issued.sessionId(), issued.expiresAt());
    }
}
