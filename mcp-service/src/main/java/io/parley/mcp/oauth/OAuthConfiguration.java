package io.parley.mcp.oauth;

import io.parley.common.security.PublicPaths;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The authorization server sends the person's browser to the callback, which carries no access token:
 * that one route is public (the flow is found by its state and the browser by its cookie).
 */
@Configuration(proxyBeanMethods = false)
class OAuthConfiguration {

    @Bean
    PublicPaths oauthCallbackPublicPath() {
        return new PublicPaths("GET /api/mcp/*/oauth/callback");
    }
}
