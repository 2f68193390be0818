package io.parley.mcp.oauth;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param flowTimeout   how long a started sign-in waits for its callback (LibreChat's {@code oauthTimeout})
 * @param refreshBefore a token that expires sooner than this is renewed before it is used
 * @param domainServer  {@code DOMAIN_SERVER}: the public origin the callback path is appended to
 * @param httpTimeout   each request to an authorization server (discovery, registration, tokens)
 */
@Validated
@ConfigurationProperties("parley.mcp.oauth")
public record OAuthProperties(@DefaultValue("3m") Duration flowTimeout, @DefaultValue("60s") Duration refreshBefore,
                              @DefaultValue("http://localhost:3080") @NotBlank String domainServer,
                              @DefaultValue("10s") Duration httpTimeout) {

    public OAuthProperties {
        if (flowTimeout.isNegative() || flowTimeout.isZero() || httpTimeout.isNegative() || httpTimeout.isZero()
                || refreshBefore.isNegative()) {
            throw new IllegalArgumentException("parley.mcp.oauth: flow-timeout and http-timeout must be positive, "
                    + "refresh-before not negative");
        }
        domainServer = domainServer.endsWith("/") ? domainServer.substring(0, domainServer.length() - 1) : domainServer;
    }
}
