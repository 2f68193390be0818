package io.parley.common.edge;

import io.parley.common.crypto.SecretKeys;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The shared key of the gateway's assertions, for the gateway (signing) and every service (verifying). */
@AutoConfiguration
@ConditionalOnWebApplication
@EnableConfigurationProperties(EdgeProperties.class)
public class EdgeAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    EdgeAssertion edgeAssertion(EdgeProperties properties) {
        String usedFor = "the gateway's assertions to the services";
        return new EdgeAssertion(SecretKeys.fromSettingOrFile(properties.key(), "PARLEY_EDGE_KEY", properties.keyFile(), usedFor),
                properties.previousKey().isBlank() ? null : SecretKeys.parse(properties.previousKey(), "PARLEY_EDGE_PREVIOUS_KEY"));
    }
}
