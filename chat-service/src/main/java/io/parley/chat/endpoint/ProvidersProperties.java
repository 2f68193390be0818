package io.parley.chat.endpoint;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The built-in endpoints, from LibreChat's environment names (see application.yml), and how any
 * provider is called.
 *
 * @param endpoints      LibreChat's {@code ENDPOINTS}: the enabled endpoints in order; empty for all configured
 * @param titleConvo     LibreChat's {@code TITLE_CONVO}: give new conversations a generated title
 * @param demo           the offline demo endpoint, which answers without any model so the system can be tried;
 *                       null for on exactly when the embedded store is used
 * @param connectTimeout time to open a connection to a provider
 * @param readTimeout    longest silence of a provider, before its first token or between two
 * @param maxRetries     retries on 429/5xx before the first token
 */
@ConfigurationProperties("parley.chat.providers")
record ProvidersProperties(@DefaultValue List<String> endpoints, @DefaultValue("true") boolean titleConvo,
                           @DefaultValue Builtin openai, @DefaultValue Builtin anthropic, @DefaultValue Builtin google,
                           Boolean demo,
                           @DefaultValue("10s") Duration connectTimeout, @DefaultValue("120s") Duration readTimeout,
                           @DefaultValue("2") int maxRetries) {

    /**
     * @param apiKey     the key, or {@code user_provided}; empty leaves the endpoint off
     * @param models     the model list (LibreChat's {@code OPENAI_MODELS}, …); empty for the defaults
     * @param baseUrl    a reverse proxy (LibreChat's {@code OPENAI_REVERSE_PROXY}, …); empty for the provider's own
     * @param titleModel the model titles are made with; empty for the conversation's model
     */
    record Builtin(@DefaultValue("") String apiKey, @DefaultValue List<String> models, @DefaultValue("") String baseUrl,
                   @DefaultValue("") String titleModel) {
    }
}
