package io.parley.common.security;

import io.parley.common.error.ErrorBody;
import io.parley.common.request.RequestIdFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.parley.proto.common.v1.LibreChatImportGrpc;
import java.io.IOException;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps an installation operator's token ({@link AccessTokenClaims#OPERATOR_SUBJECT}) to the admin routes:
 * everywhere else a route would act for "me", and the operator is no person, so it is a 403 before any
 * controller runs rather than a missing user further in. Runs after the bearer token is verified; other
 * tokens pass untouched. Over gRPC the token is good on {@link #GRPC_SERVICES} only (checked by the caller-JWT
 * interceptor).
 */
public final class OperatorConfinement extends OncePerRequestFilter {

    /** The one prefix an operator's token is good on, in every service. */
    public static final String ADMIN_ROUTES = "/api/admin/";
    public static final String MESSAGE = "An operator token is good only on the admin routes (/api/admin/...)";
    /**
     * The gRPC services an operator's token is good on: {@code LibreChatImport}, which writes into the token's
     * tenant and never acts for the caller as a person ({@code ./parley migrate-librechat} on a fresh
     * installation). Every other gRPC method acts for one.
     */
    public static final Set<String> GRPC_SERVICES = Set.of(LibreChatImportGrpc.SERVICE_NAME);
    public static final String GRPC_MESSAGE = "An operator token is good over gRPC only on "
            + LibreChatImportGrpc.SERVICE_NAME;

    private final JsonMapper json;

    OperatorConfinement(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token
                && AccessTokenClaims.OPERATOR_SUBJECT.equals(token.getToken().getSubject())
                // The firewall has refused dot segments and encoded slashes by now: the path is what routes.
                && !request.getRequestURI().startsWith(request.getContextPath() + ADMIN_ROUTES)) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            json.writeValue(response.getOutputStream(),
                    ErrorBody.of("forbidden", MESSAGE).withRequestId(RequestIdFilter.current(request)));
            return;
        }
        chain.doFilter(request, response);
    }
}
