package io.parley.chat.share;

import io.parley.common.security.PublicPaths;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A shared link is read without signing in (when {@code ALLOW_SHARED_LINKS_PUBLIC} allows it), so
 * {@code GET /api/share/:shareId} is public; every other share route keeps the token filter.
 */
@Configuration(proxyBeanMethods = false)
class ShareConfiguration {

    @Bean
    PublicPaths sharePublicPaths() {
        return new PublicPaths("GET /api/share/*");
    }
}
