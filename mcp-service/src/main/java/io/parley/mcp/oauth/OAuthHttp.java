package io.parley.mcp.oauth;

import io.parley.mcp.connection.UpstreamFailure;
import io.parley.mcp.guard.OutboundGuard;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every request mcp-service sends on behalf of a sign-in: to the MCP server (its 401), and to URLs
 * found in metadata (protected resource, authorization server, registration, token, revocation). Each
 * passes the {@link OutboundGuard} first, as connections do; redirects are not followed; answers
 * larger than {@value #MAX_BODY} bytes are refused. The bodies are never logged (they hold tokens).
 */
@Component
class OAuthHttp {

    static final int MAX_BODY = 256 * 1024;

    /** An answer: its status and its body when it was a JSON object (else empty). */
    record Answer(int status, Map<String, Object> body) {

        boolean ok() {
            return status / 100 == 2;
        }
    }

    private final OutboundGuard guard;
    private final JsonMapper json;
    private final OAuthProperties properties;
    private final HttpClient client;

    OAuthHttp(OutboundGuard guard, JsonMapper json, OAuthProperties properties) {
        this.guard = guard;
        this.json = json;
        this.properties = properties;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(properties.httpTimeout()).build();
    }

    /** A JSON object at {@code url}; empty when the answer is not a 200 with one (a candidate that is not there). */
    Optional<Map<String, Object>> getJson(String url) {
        Answer answer = send(request(url).header("Accept", "application/json").GET());
        return answer.ok() && !answer.body().isEmpty() ? Optional.of(answer.body()) : Optional.empty();
    }

    /** A form post (token and revocation endpoints); {@code basic} is the client's Basic credentials, or null. */
    Answer postForm(String url, Map<String, String> form, @Nullable String basic) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = request(url).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (basic != null) {
            request.header("Authorization", "Basic " + basic);
        }
        return send(request);
    }

    /** A JSON post (client registration). */
    Answer postJson(String url, Map<String, Object> body) {
        return send(request(url).header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))));
    }

    /**
     * The {@code WWW-Authenticate} header of the MCP server's 401 to a request without a token (an MCP
     * initialize), which may name its protected resource metadata; empty when it answers otherwise.
     */
    Optional<String> challenge(String mcpUrl, Map<String, String> headers) {
        HttpRequest.Builder request = request(mcpUrl).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":"
                        + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"parley\",\"version\":\"0.1.0\"}}}"));
        try {
            headers.forEach(request::header);
        } catch (IllegalArgumentException ignored) {
            // a header the HTTP client will not send (Host, Connection): the connection refuses it with a reason
        }
        HttpResponse<InputStream> response = exchange(request);
        try (InputStream ignored = response.body()) {
            return response.statusCode() == 401 ? response.headers().firstValue("WWW-Authenticate") : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private HttpRequest.Builder request(String url) {
        URI uri = guard.check(url);
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw io.parley.common.error.ApiException.Invalid.field("url", "an OAuth endpoint must be an http(s) URL");
        }
        return HttpRequest.newBuilder(uri).timeout(properties.httpTimeout());
    }

    @SuppressWarnings("unchecked")
    private Answer send(HttpRequest.Builder request) {
        HttpResponse<InputStream> response = exchange(request);
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(MAX_BODY + 1);
        } catch (IOException e) {
            throw unreachable();
        }
        if (body.length > MAX_BODY) {
            throw new UpstreamFailure(UpstreamFailure.Kind.UNREACHABLE, "The authorization server's answer is too large");
        }
        Map<String, Object> parsed = Map.of();
        try {
            if (body.length > 0 && json.readValue(body, Object.class) instanceof Map<?, ?> map) {
                parsed = new LinkedHashMap<>((Map<String, Object>) map);
            }
        } catch (JacksonException notJson) {
            // an HTML error page or nothing: the status says what happened
        }
        return new Answer(response.statusCode(), parsed);
    }

    private HttpResponse<InputStream> exchange(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new UpstreamFailure(UpstreamFailure.Kind.TIMEOUT, "The authorization server did not answer in time");
        } catch (IOException e) {
            throw unreachable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable();
        }
    }

    private static UpstreamFailure unreachable() {
        return new UpstreamFailure(UpstreamFailure.Kind.UNREACHABLE, "The authorization server could not be reached");
    }
}
