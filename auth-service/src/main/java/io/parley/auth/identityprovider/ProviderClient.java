package io.parley.auth.identityprovider;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The calls Parley makes to providers (token endpoints, user APIs, discovery), each with a deadline.
 * Failures become {@link SignInFailed} naming the endpoint and status, never a token or a body.
 */
@Component
public class ProviderClient {

    /** How a client proves itself at a token endpoint (RFC 6749 §2.3.1). */
    public enum ClientAuth { BASIC, POST }

    /** The client's credentials; a blank secret is a public client (PKCE), which sends only its id. */
    public record Client(String id, String secret, ClientAuth auth) {

        @Override
        public String toString() {
            return "Client[id=" + id + "]";
        }
    }

    private final HttpClient http;
    private final JsonMapper json;
    private final Duration timeout;

    ProviderClient(JsonMapper json, OAuthProperties properties) {
        this.json = json;
        this.timeout = properties.providerTimeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** POSTs a token request ({@code application/x-www-form-urlencoded}) and reads the JSON answer. */
    public JsonNode token(URI endpoint, Client client, Map<String, String> parameters) {
        Map<String, String> form = new LinkedHashMap<>(parameters);
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded");
        boolean hasSecret = client.secret() != null && !client.secret().isBlank();
        if (hasSecret && client.auth() == ClientAuth.BASIC) {
            String pair = formEncode(client.id()) + ":" + formEncode(client.secret());
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        } else {
            form.put("client_id", client.id());
            if (hasSecret) {
                form.put("client_secret", client.secret());
            }
        }
        request.POST(HttpRequest.BodyPublishers.ofString(form(form)));
        return send(request.build(), "token endpoint");
    }

    /** GETs JSON with the provider's access token as bearer. */
    public JsonNode get(URI endpoint, String accessToken, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Accept", "application/json");
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        headers.forEach(request::header);
        return send(request.GET().build(), endpoint.getPath());
    }

    /** {@code base?name=value&…}, values form-encoded; {@code base} may already have a query. */
    public static URI withQuery(String base, Map<String, String> parameters) {
        return URI.create(base + (base.contains("?") ? "&" : "?") + form(parameters));
    }

    private JsonNode send(HttpRequest request, String what) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SignInFailed(what + " unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignInFailed(what + " call interrupted");
        }
        JsonNode body;
        try {
            body = json.readTree(response.body());
        } catch (JacksonException e) {
            throw new SignInFailed(what + " answered " + response.statusCode() + " without JSON");
        }
        if (response.statusCode() / 100 != 2) {
            // The OAuth error code is a fixed word (invalid_grant, …), safe to log; the description is not read.
            throw new SignInFailed(what + " answered " + response.statusCode() + " " + JsonFields.text(body, "error"));
        }
        return body;
    }

    private static String form(Map<String, String> parameters) {
        return parameters.entrySet().stream().map(e -> formEncode(e.getKey()) + "=" + formEncode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String formEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
