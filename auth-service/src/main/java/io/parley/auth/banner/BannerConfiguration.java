package io.parley.auth.banner;

import io.parley.common.security.PublicPaths;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The banner shows on the sign-in page too; {@code BannerController} asks who is signed in itself. */
@Configuration(proxyBeanMethods = false)
class BannerConfiguration {

    @Bean
    PublicPaths bannerPublicPaths() {
        return new PublicPaths("/api/banner");
    }
}
