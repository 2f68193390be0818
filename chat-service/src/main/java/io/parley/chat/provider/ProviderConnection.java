package io.parley.chat.provider;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How to reach one endpoint's provider.
 *
 * @param protocol       which wire format it speaks
 * @param baseUrl        e.g. {@code https://api.openai.com/v1}, {@code https://api.anthropic.com/v1},
 *                       {@code https://generativelanguage.googleapis.com/v1beta}
 * @param apiKey         the key; never logged, never part of an exception message
 * @param headers        extra request headers (LibreChat's {@code headers})
 * @param addParams      body fields added to every request (LibreChat's {@code addParams})
 * @param dropParams     body fields removed from every request (LibreChat's {@code dropParams})
 * @param connectTimeout time to open the connection
 * @param readTimeout    longest wait for the first byte and between two chunks
 * @param maxRetries     attempts after the first on 429/5xx/connection failure before any token
 */
public record ProviderConnection(Protocol protocol, URI baseUrl, String apiKey, Map<String, String> headers,
                                 Map<String, Object> addParams, List<String> dropParams,
                                 Duration connectTimeout, Duration readTimeout, int maxRetries) {

    public enum Protocol { OPENAI, ANTHROPIC, GOOGLE }

    public ProviderConnection {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        addParams = addParams == null ? Map.of() : Map.copyOf(addParams);
        dropParams = dropParams == null ? List.of() : List.copyOf(dropParams);
    }

    @Override
    public String toString() {
        return "ProviderConnection[" + protocol + " " + baseUrl + "]";
    }
}
