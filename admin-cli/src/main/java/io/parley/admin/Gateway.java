package io.parley.admin;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * The installation as the commands reach it: JSON over HTTP to the gateway, so that the gateway picks
 * the tenant from the address (or {@code Host}) as for anyone. Every answer of 400 or more becomes a
 * {@link CliException} with the installation's own message.
 */
public final class Gateway {

    /** Where a local installation's gateway listens ({@code ./parley up}). */
    public static final String DEFAULT_URL = "http://localhost:3080";
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final URI base;
    private final @Nullable String host;
    private final HttpClient client;
    private @Nullable String token;

    /**
     * @param host a {@code Host} to send instead of the address's (one gateway address serving several
     *             tenants by host name); null for the address's own
     */
    public Gateway(URI base, @Nullable String host) {
        this.base = base;
        this.host = host;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /**
     * The gateway's address as given ({@code --url}, {@code PARLEY_URL}).
     *
     * @throws CliException (a usage error) when it is not an http(s) address
     */
    public static URI address(String value) {
        try {
            URI uri = new URI(value.endsWith("/") ? value : value + "/");
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new URISyntaxException(value, "not an http(s) address");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new CliException("--url " + value + " is not an http(s) address", CliException.USAGE);
        }
    }

    /** The access token sent from now on. */
    void signedInWith(String accessToken) {
        this.token = accessToken;
    }

    public String address() {
        return base.toString();
    }

    public JsonNode get(String path) {
        return send("GET", path, null);
    }

    /** @param body a record, map or tree written as JSON; null for none */
    public JsonNode send(String method, String path, @Nullable Object body) {
        Reply reply = call(method, path, body);
        if (reply.status() >= 400) {
            throw refused(reply);
        }
        return reply.json();
    }

    /** An answer of any status; the caller decides what a 404 means. */
    public record Reply(int status, JsonNode json) {
    }

    public Reply call(String method, String path, @Nullable Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path)).timeout(TIMEOUT)
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (host != null) {
            try {
                request.header("Host", host);
            } catch (IllegalArgumentException e) {
                throw new CliException("--host cannot be sent by this JVM (jdk.httpclient.allowRestrictedHeaders=host)");
            }
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            throw new CliException("cannot reach Parley at " + base + " (is it running? ./parley up, or --url / PARLEY_URL)");
        } catch (HttpTimeoutException e) {
            throw new CliException("Parley at " + base + " did not answer within " + TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            throw new CliException("the request to " + base + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
        return new Reply(response.statusCode(), parse(response.body()));
    }

    /** The installation's refusal as one line: its message, and the status. */
    public static CliException refused(Reply reply) {
        JsonNode message = reply.json().path("message");
        String text = message.isString() && !message.asString().isBlank() ? message.asString()
                : reply.json().path("error").isString() ? reply.json().path("error").asString() : "no details";
        String hint = switch (reply.status()) {
            case 401 -> " (the token was not accepted: is --url the installation you signed in to?)";
            case 403 -> text.equals("Unauthorized") ? " (an ADMIN's or the operator's token is needed)" : "";
            default -> "";
        };
        return new CliException(text + hint + " [HTTP " + reply.status() + "]");
    }

    public static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            return MissingNode.getInstance();
        }
    }
}
