package io.parley.common.body;

import jakarta.validation.Validator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/** A {@link BodyReader} for every service that has Bean Validation (the gateway has none and reads no bodies). */
@AutoConfiguration(after = {JacksonAutoConfiguration.class, ValidationAutoConfiguration.class})
@ConditionalOnClass(Validator.class)
public class BodyAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean({JsonMapper.class, Validator.class})
    BodyReader bodyReader(JsonMapper json, Validator validator) {
        return new BodyReader(json, validator);
    }
}
