package io.parley.auth.operator;

import io.parley.auth.Tenants;
import io.parley.common.edge.EdgeHeaders;
import io.parley.common.security.PublicPaths;
import java.time.Instant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/auth/operator/token {key, tenant?}} → {@code {token, tenant, expiresAt}}: the admin
 * commands ({@code ./parley create-user} …) start here. Public (the key is the credential); the key
 * travels in the body, never in a URL or a header a proxy might log.
 */
@RestController
class OperatorController {

    private final OperatorAccess access;

    OperatorController(OperatorAccess access) {
        this.access = access;
    }

    /** @param tenant the tenant the operator means; absent: the request's */
    record TokenRequest(String key, String tenant) {
    }

    record TokenResponse(String token, String tenant, Instant expiresAt) {
    }

    @PostMapping("/api/auth/operator/token")
    TokenResponse token(@RequestBody(required = false) TokenRequest body,
                        @RequestHeader(value = EdgeHeaders.TENANT, required = false) String tenant,
                        @RequestHeader(value = EdgeHeaders.CLIENT_IP, required = false) String clientIp) {
        OperatorAccess.Issued issued = access.exchange(Tenants.of(tenant), clientIp,
                body == null ? null : body.key(), body == null ? null : body.tenant());
        return new TokenResponse(issued.token(), issued.tenant(), issued.expiresAt());
    }

    @Configuration(proxyBeanMethods = false)
    static class OperatorRoutes {

        @Bean
        PublicPaths operatorPublicPaths() {
            return new PublicPaths("POST /api/auth/operator/token");
        }
    }
}
