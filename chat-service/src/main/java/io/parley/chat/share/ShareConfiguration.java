package io.parley.chat.share;

import io.parley.common.security.PublicPaths;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A shared link is read without signing in (when {@code ALLOW_SHARED_LINKS_PUBLIC} allows it), so
 * {@code /api/share/:shareId} is public; the routes of the same shape that are not ask {@link ShareCallers}.
 * The list ({@code /api/share}) and the lookup ({@code /api/share/link/:conversationId}) keep the token filter.
 */
@Configuration(proxyBeanMethods = false)
class ShareConfiguration {

    @Bean
    PublicPaths sharePublicPaths() {
        return new PublicPaths("/api/share/*");
    }
}
