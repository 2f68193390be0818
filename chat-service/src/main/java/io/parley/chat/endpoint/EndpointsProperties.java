package io.parley.chat.endpoint;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

/**
 * Custom endpoints from an operator's {@code librechat.yaml} ({@code endpoints.custom}), with
 * LibreChat's field names.
 */
@ConfigurationProperties("librechat.endpoints")
record EndpointsProperties(@DefaultValue List<Custom> custom) {

    /**
     * @param apiKey   the key, a {@code ${ENV}} reference, or {@code user_provided}
     * @param baseURL  the OpenAI-compatible base URL, or {@code user_provided}
     */
    record Custom(String name, String apiKey, String baseURL, @DefaultValue Models models,
                  @DefaultValue("false") boolean titleConvo, String titleModel, String modelDisplayLabel,
                  String iconURL, @DefaultValue Map<String, String> headers, @DefaultValue Map<String, String> addParams,
                  @DefaultValue List<String> dropParams, Integer maxContextTokens) {
    }

    record Models(@Name("default") @DefaultValue List<String> defaults, @DefaultValue("false") boolean fetch) {
    }
}
