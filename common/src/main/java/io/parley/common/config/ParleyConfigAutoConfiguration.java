package io.parley.common.config;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.context.annotation.Bean;

@AutoConfiguration
public class ParleyConfigAutoConfiguration {

    @Bean
    @ConfigurationPropertiesBinding
    static LibreChatDurationConverter libreChatDurationConverter() {
        return new LibreChatDurationConverter();
    }
}
