package io.parley.chat.share;

import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import io.parley.common.security.KeysUnavailableException;
import io.parley.common.security.OptionalCaller;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Who calls a share route. {@code /api/share/*} is a public path, for the public read
 * ({@code GET /api/share/:shareId}); but a public path is public for every method, and the service's
 * token filter ignores the token there. So the routes of the same shape that need a signed-in person
 * (create, update, delete) check the token here, with the same decoder, and put it where role checks and
 * the gRPC relay look for it, as the filter would have; so does the read of a signed-in person.
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

    /**
     * @throws ApiException.Unauthorized without a valid access token (LibreChat's client then refreshes it)
     * @throws ApiException.Unavailable when the keys to check it cannot be had: never a 401, which signs the person out
     */
    CurrentUser signedIn(HttpServletRequest request) {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token) {
            return CurrentUser.from(token.getToken());
        }
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new ApiException.Unauthorized("Unauthorized");
        }
        Jwt jwt;
        try {
            jwt = tokens.decode(header.substring(BEARER.length()).trim());
        } catch (JwtException e) {
            if (KeysUnavailableException.isCauseOf(e)) {
                throw new ApiException.Unavailable("The access token cannot be checked right now");
            }
            throw new ApiException.Unauthorized("Unauthorized");
        }
        // For this request only: the security filter clears the context when the request ends.
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new JwtAuthenticationToken(jwt));
        SecurityContextHolder.setContext(context);
        return CurrentUser.from(jwt);
    }

    /**
     * The person, when the request carries a valid token of its tenant; else a reader who is not signed in.
     * A person's token is put where the gRPC relay finds it, for the ACL check of the link they read.
     */
    Optional<CurrentUser> maybe(HttpServletRequest request) {
        return optional.of(request).map(person -> signedIn(request));
    }
}
