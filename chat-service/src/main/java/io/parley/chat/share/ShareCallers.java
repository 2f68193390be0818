package io.parley.chat.share;

import io.parley.common.security.CurrentUser;
import io.parley.common.security.OptionalCaller;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Who reads a shared link. {@code GET /api/share/:shareId} is a public path, where the service's token filter
 * ignores the token; a valid one still makes the reader known, and is put where role checks and the gRPC
 * relay look for it, as the filter would have, for the ACL check of the link they read.
 */
@Component
class ShareCallers {

    private static final String BEARER = "Bearer ";

    private final JwtDecoder tokens;
    private final OptionalCaller optional;

    ShareCallers(JwtDecoder tokens, OptionalCaller optional) {
        this.tokens = tokens;
        this.optional = optional;
    }

    /** The person, when the request carries a valid token of its tenant; else a reader who is not signed in. */
    Optional<CurrentUser> maybe(HttpServletRequest request) {
        return optional.of(request).map(person -> {
            // OptionalCaller has just verified it (a second decode is a hit of the verified-token cache).
            String token = request.getHeader(HttpHeaders.AUTHORIZATION).substring(BEARER.length()).trim();
            // For this request only: the security filter clears the context when the request ends.
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(new JwtAuthenticationToken(tokens.decode(token)));
            SecurityContextHolder.setContext(context);
            return person;
        });
    }
}
