package io.parley.auth.oauth;

import io.parley.common.security.PublicPaths;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The sign-in routes a browser reaches before it has a token. */
@Configuration(proxyBeanMethods = false)
class OAuthConfiguration {

    @Bean
    PublicPaths oauthPublicPaths() {
        return new PublicPaths("/oauth/**", "/api/oauth/**");
    }
}
