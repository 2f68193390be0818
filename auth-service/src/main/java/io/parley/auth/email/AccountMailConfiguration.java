package io.parley.auth.email;

import io.parley.common.security.PublicPaths;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The routes of password reset and e-mail verification are for people who cannot sign in (yet). */
@Configuration(proxyBeanMethods = false)
class AccountMailConfiguration {

    @Bean
    PublicPaths accountMailPublicPaths() {
        return new PublicPaths("/api/auth/requestPasswordReset", "/api/auth/resetPassword", "/api/user/verify",
                "/api/user/verify/resend", "/api/user/verify-email");
    }
}
