package io.parley.common.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for black-box tests: real connections, nothing mocked, cookies handled by hand. */
public final class Http {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    // HTTP/1.1 as browsers speak to the gateway over plain http; no h2c upgrade attempts.
    private static final HttpClient CLIENT = client();

    private final String baseUrl;
    private final HttpClient client;

    public Http(String baseUrl) {
        this(baseUrl, CLIENT);
    }

    private Http(String baseUrl, HttpClient client) {
        this.baseUrl = baseUrl;
        this.client = client;
    }

    /**
     * A client whose connections no other test shares: for requests a server answers before reading their whole
     * body, after which it may close the connection at a moment of its choosing.
     */
    public static Http withOwnConnections(String baseUrl) {
        return new Http(baseUrl, client());
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    public Response get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    public Response post(String path, String json, String... headers) {
        return send("POST", path, json, headers);
    }

    /** @param headers name, value, name, value… */
    public Response send(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return execute(request, method + " " + path, headers);
    }

    /** A request with a body of any type, such as a multipart form the test built itself. */
    public Response send(String method, String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        return execute(request, method + " " + path, headers);
    }

    private Response execute(HttpRequest.Builder request, String what, String... given) {
        // Through the gateway this header is replaced; straight to a service it stands for the gateway.
        String[] headers = TestEdge.vouched(given);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(what + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A multipart/form-data POST with one file field. */
    public Response upload(String path, String field, String filename, byte[] content, String... headers) {
        String boundary = "parley-" + java.util.UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/json\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return execute(request, "upload to " + path, headers);
    }

    public static JsonNode parse(String json) {
        return JSON.readTree(json);
    }

    public record Response(int status, java.net.http.HttpHeaders headers, String body) {

        public JsonNode json() {
            return parse(body);
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        /** Every Set-Cookie header for the cookie {@code name}. */
        public List<String> setCookies(String name) {
            return headers.allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).toList();
        }

        /** The value the response set for cookie {@code name}, or null. */
        public String cookie(String name) {
            return setCookies(name).stream().findFirst()
                    .map(c -> c.substring(name.length() + 1, c.contains(";") ? c.indexOf(';') : c.length()))
                    .orElse(null);
        }
    }
}
