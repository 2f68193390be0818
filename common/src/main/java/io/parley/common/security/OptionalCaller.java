package io.parley.common.security;

import io.parley.common.edge.EdgeHeaders;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * LibreChat's optional authentication for a public route ({@code /api/config}, {@code /api/banner}):
 * the person when the request carries a valid access token of the request's tenant; a missing, invalid,
 * expired or other tenant's token, or an operator's, reads as signed out, never as an error. Public routes are left out of
 * the service's bearer-token filter (which would answer 401), so they ask here.
 */
public final class OptionalCaller {

    private static final String BEARER = "Bearer ";

    private final JwtDecoder tokens;

    public OptionalCaller(JwtDecoder tokens) {
        this.tokens = tokens;
    }

    public Optional<CurrentUser> of(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        try {
            CurrentUser user = CurrentUser.from(tokens.decode(header.substring(BEARER.length()).trim()));
            String tenant = request.getHeader(EdgeHeaders.TENANT);
            // An operator's token is for admin routes only: elsewhere it is nobody.
            return !user.isOperator() && (tenant == null || tenant.equals(user.tenantId()))
                    ? Optional.of(user) : Optional.empty();
        } catch (JwtException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
