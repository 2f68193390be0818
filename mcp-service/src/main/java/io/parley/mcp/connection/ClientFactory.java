package io.parley.mcp.connection;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.client.transport.customizer.McpHttpClientTransportAuthorizationErrorHandler;
import io.modelcontextprotocol.client.transport.customizer.McpSyncHttpClientRequestCustomizer;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.parley.common.error.ApiException;
import io.parley.mcp.guard.OutboundGuard;
import io.parley.mcp.server.ServerConfig;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Opens and initializes an MCP client for one server through the official SDK. Remote URLs pass the
 * {@link OutboundGuard} first; redirects are not followed (a redirect could lead past the guard).
 * Failures come out as {@link UpstreamFailure} (unreachable, not MCP, too slow) or
 * {@link ApiException.Invalid} (a configuration that cannot work).
 */
@Component
public class ClientFactory {

    static final McpSchema.Implementation CLIENT_INFO = new McpSchema.Implementation("parley", "0.1.0");

    private final OutboundGuard guard;

    ClientFactory(OutboundGuard guard) {
        this.guard = guard;
    }

    /**
     * A person's OAuth access token, read for every request (so a renewed token is used at once), and
     * what to do when the server refuses one (HTTP 401).
     *
     * @param token           the current token; throws {@link SignInRequired} when there is none
     * @param renewAfterRefusal given the refused token, whether another is now available
     */
    public record Authorization(Supplier<String> token, Predicate<String> renewAfterRefusal) {
    }

    /**
     * @param initTimeout bounds connect and initialize together
     * @param progress    receives the server's progress notifications
     * @return an initialized client; the caller closes it
     */
    public McpSyncClient open(ServerConfig config, Duration initTimeout, Duration requestTimeout,
                              Consumer<McpSchema.ProgressNotification> progress) {
        return open(config, initTimeout, requestTimeout, progress, null);
    }

    /**
     * @param authorization the person's bearer token for a server that requires sign-in; null for none
     * @throws SignInRequired when the server refuses the person's token and no other is to be had
     */
    public McpSyncClient open(ServerConfig config, Duration initTimeout, Duration requestTimeout,
                              Consumer<McpSchema.ProgressNotification> progress, @Nullable Authorization authorization) {
        McpClientTransport transport = transport(config, initTimeout, authorization);
        McpSyncClient client = McpClient.sync(transport).clientInfo(CLIENT_INFO).requestTimeout(requestTimeout)
                .initializationTimeout(initTimeout).progressConsumer(progress).build();
        try {
            client.initialize();
            return client;
        } catch (RuntimeException e) {
            closeQuietly(client);
            if (authorization != null) {
                SignInRequired required = SignInRequired.in(e, null);
                if (required != null) {
                    throw required;
                }
            }
            throw failure(e, "initialize");
        }
    }

    /** The SDK's exceptions as ours: a timeout anywhere in the causes, a refused connection, or anything else. */
    public static UpstreamFailure failure(Throwable e, String step) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException || t instanceof java.net.http.HttpTimeoutException) {
                return new UpstreamFailure(UpstreamFailure.Kind.TIMEOUT, "The MCP server did not answer " + step + " in time");
            }
            if (t instanceof ConnectException) {
                return new UpstreamFailure(UpstreamFailure.Kind.UNREACHABLE, "The MCP server refused the connection");
            }
            if (t instanceof UpstreamFailure f) {
                return f;
            }
            if (t instanceof io.modelcontextprotocol.spec.McpError) {
                return new UpstreamFailure(UpstreamFailure.Kind.UNREACHABLE, "The MCP server answered " + step + " with an error");
            }
        }
        return new UpstreamFailure(UpstreamFailure.Kind.UNREACHABLE,
                "The MCP server did not answer " + step + " as an MCP server");
    }

    public static void closeQuietly(McpSyncClient client) {
        try {
            client.close();
        } catch (RuntimeException ignored) {
            // a connection that is going away anyway: nothing to tell anyone
        }
    }

    private McpClientTransport transport(ServerConfig config, Duration connectTimeout, @Nullable Authorization authorization) {
        return switch (config.transport()) {
            case "stdio" -> stdio(config);
            case "sse" -> {
                URI uri = guard.check(config.url());
                HttpClientSseClientTransport.Builder sse = HttpClientSseClientTransport.builder(origin(uri))
                        .sseEndpoint(pathOf(uri)).clientBuilder(httpClient(connectTimeout)).requestBuilder(headers(config))
                        .connectTimeout(connectTimeout);
                if (authorization != null) {
                    sse.httpRequestCustomizer(bearer(authorization));
                }
                yield sse.build();
            }
            case "streamable-http" -> {
                URI uri = guard.check(config.url());
                HttpClientStreamableHttpTransport.Builder http = HttpClientStreamableHttpTransport.builder(origin(uri))
                        .endpoint(pathOf(uri)).clientBuilder(httpClient(connectTimeout)).requestBuilder(headers(config))
                        .connectTimeout(connectTimeout);
                if (authorization != null) {
                    // on a 401 the SDK asks whether to send the request again: worth it once the token was renewed
                    http.httpRequestCustomizer(bearer(authorization)).authorizationErrorHandler(
                            McpHttpClientTransportAuthorizationErrorHandler.fromSync((request, response, context) ->
                                    authorization.renewAfterRefusal().test(sentToken(request.headers()))));
                }
                yield http.build();
            }
            case "websocket" -> throw ApiException.Invalid.field("type",
                    "websocket servers are not supported yet (the MCP Java SDK has no WebSocket client)");
            default -> throw ApiException.Invalid.field("type", "must be stdio, sse, streamable-http, http or websocket");
        };
    }

    /** Sets the person's token on every request, replacing any Authorization header of the configuration. */
    private static McpSyncHttpClientRequestCustomizer bearer(Authorization authorization) {
        return (request, method, uri, body, context) -> request.setHeader("Authorization", "Bearer " + authorization.token().get());
    }

    private static String sentToken(java.net.http.HttpHeaders headers) {
        String sent = headers.firstValue("Authorization").orElse("");
        return sent.regionMatches(true, 0, "Bearer ", 0, 7) ? sent.substring(7) : "";
    }

    private static McpClientTransport stdio(ServerConfig config) {
        if (config.command() == null || config.command().isBlank()) {
            throw ApiException.Invalid.field("command", "is required for a stdio server");
        }
        ServerParameters parameters = ServerParameters.builder(config.command()).args(config.args()).env(config.env()).build();
        StdioClientTransport transport = new StdioClientTransport(parameters, McpJsonDefaults.getMapper());
        transport.setStdErrorHandler(line -> { }); // a server's stderr may hold anything; it is not ours to log
        return transport;
    }

    private static HttpClient.Builder httpClient(Duration connectTimeout) {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(connectTimeout);
    }

    private static HttpRequest.Builder headers(ServerConfig config) {
        HttpRequest.Builder builder = HttpRequest.newBuilder();
        try {
            config.headers().forEach(builder::header);
        } catch (IllegalArgumentException e) {
            throw ApiException.Invalid.field("headers", "holds a header that may not be set (e.g. Host or Connection)");
        }
        return builder;
    }

    private static String origin(URI uri) {
        String scheme = uri.getScheme().replace("ws", "http");
        return scheme + "://" + uri.getRawAuthority();
    }

    private static String pathOf(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }
}
