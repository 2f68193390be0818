package io.parley.gateway.security;

import io.parley.common.error.ErrorBody;
import io.parley.common.security.AccessTokenClaims;
import io.parley.gateway.edge.EdgeRequest;
import io.parley.gateway.edge.JsonErrors;
import java.security.Principal;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** A token is good only on its own tenant's host: one tenant's token is refused at another's. */
@Component
class TenantMatchFilter implements WebFilter, Ordered {

    private final JsonErrors errors;

    TenantMatchFilter(JsonErrors errors) {
        this.errors = errors;
    }

    @Override
    public int getOrder() {
        return 0; // after Spring Security (-100), which resolves the principal
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return exchange.getPrincipal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(p -> matches((JwtAuthenticationToken) p, exchange))
                .defaultIfEmpty(true)
                .flatMap(ok -> ok ? chain.filter(exchange)
                        : errors.write(exchange, HttpStatus.UNAUTHORIZED, ErrorBody.of("unauthorized", "Unauthorized")));
    }

    private static boolean matches(Principal principal, ServerWebExchange exchange) {
        String tenant = ((JwtAuthenticationToken) principal).getToken().getClaimAsString(AccessTokenClaims.TENANT);
        return tenant != null && tenant.equals(EdgeRequest.tenant(exchange));
    }
}
