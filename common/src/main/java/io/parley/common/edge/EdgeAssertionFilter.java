package io.parley.common.edge;

import io.parley.common.error.ErrorBody;
import io.parley.common.request.RequestIdFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service serves only what the gateway vouches for: a request without a valid {@link EdgeAssertion}
 * over its tenant and client address is 401, public routes included. Health and metrics stay open to
 * the platform's probes and scrapers, and the public verification keys to the gateway, which fetches
 * them for itself.
 */
public final class EdgeAssertionFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(EdgeAssertionFilter.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String JWKS = "/.well-known/jwks.json";
    static final String MESSAGE = "This service is reached through the gateway";

    private final EdgeAssertion assertions;
    private final Clock clock;

    public EdgeAssertionFilter(EdgeAssertion assertions, Clock clock) {
        this.assertions = assertions;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.startsWith("/actuator/") || path.equals(JWKS);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (assertions.verify(request.getHeader(EdgeHeaders.ASSERTION), request.getHeader(EdgeHeaders.TENANT),
                request.getHeader(EdgeHeaders.CLIENT_IP), clock.instant().getEpochSecond())) {
            chain.doFilter(request, response);
            return;
        }
        log.warn("Request without the gateway's assertion refused path={} peer={}", request.getRequestURI(),
                request.getRemoteAddr());
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setContentType("application/json");
        response.getOutputStream().write(JSON.writeValueAsBytes(
                ErrorBody.of("unauthorized", MESSAGE).withRequestId(RequestIdFilter.current(request))));
    }
}
