package io.parley.auth.twofa;

import io.parley.common.security.PublicPaths;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The temp-token step of a 2FA login is reached without an access token (it is how one is got). */
@Configuration(proxyBeanMethods = false)
class TwoFactorConfiguration {

    @Bean
    PublicPaths twoFactorPublicPaths() {
        return new PublicPaths("/api/auth/2fa/verify-temp");
    }
}
