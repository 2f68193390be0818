package io.parley.mcp.oauth;

import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import io.parley.mcp.connection.Connections;
import io.parley.mcp.connection.UpstreamFailure;
import io.parley.mcp.server.ServerConfig;
import io.parley.mcp.server.ServerRef;
import io.parley.mcp.server.ServerRegistry;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.web.util.UriUtils;

/**
 * People's sign-ins to servers that require OAuth: started with a fresh PKCE verifier and an
 * unguessable {@code state} bound to the person, their tenant and the server, waiting at most
 * {@code flow-timeout} for the authorization server to send the browser back, completed once (the
 * state is used up), and then the tokens are the person's ({@link OAuthTokens}). A person has one
 * sign-in per server at a time; starting while one is pending hands out that one.
 */
@Service
public class SignIns {

    private static final Logger log = LoggerFactory.getLogger(SignIns.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** A pending sign-in with less time than this left is not handed out again: a new one starts. */
    private static final Duration MIN_LEFT = Duration.ofSeconds(30);

    /**
     * Where the person signs in: the authorization server's page, LibreChat's flow id and when it ends.
     */
    public record Link(String flowId, String authUrl, Instant expiresAt) {
    }

    /** A started sign-in with the value its browser cookie must carry. */
    record Started(Link link, String binding) {
    }

    private final Flows flows;
    private final Discovery discovery;
    private final Registration registration;
    private final TokenRequests requests;
    private final OAuthTokens tokens;
    private final Connections connections;
    private final OAuthProperties properties;

    SignIns(Flows flows, Discovery discovery, Registration registration, TokenRequests requests, OAuthTokens tokens,
            Connections connections, OAuthProperties properties) {
        this.flows = flows;
        this.discovery = discovery;
        this.registration = registration;
        this.requests = requests;
        this.tokens = tokens;
        this.connections = connections;
        this.properties = properties;
    }

    /**
     * The person's pending sign-in to the server, or a new one.
     *
     * @throws ApiException.Invalid when the server does not use OAuth, or its metadata is refused (the guard)
     * @throws UpstreamFailure      when its authorization server cannot be reached
     */
    public Link start(CurrentUser user, ServerRef server) {
        return begin(user, server).link();
    }

    Started begin(CurrentUser user, ServerRef server) {
        ServerConfig config = server.config();
        if (!config.usesOAuth()) {
            throw new ApiException.Invalid("oauth_not_required", "MCP server '" + server.name() + "' does not use OAuth", List.of());
        }
        long now = System.currentTimeMillis();
        Optional<Flow> pending = flows.byKey(Flow.keyOf(user.tenantId(), user.id(), server.name()))
                .filter(flow -> flow.pending(now + MIN_LEFT.toMillis()) && flow.serverScope().equals(server.scope())
                        && flow.serverUrl().equals(config.url()));
        if (pending.isPresent()) {
            return new Started(link(pending.get()), pending.get().binding());
        }
        ClientSettings settings = ClientSettings.of(config.oauth());
        String redirectUri = settings.redirectUri() != null ? settings.redirectUri()
                : properties.domainServer() + "/api/mcp/" + UriUtils.encodePathSegment(server.name(), StandardCharsets.UTF_8)
                        + "/oauth/callback";
        AuthServer authServer;
        String resource = null;
        List<String> resourceScopes = List.of();
        if (settings.preconfigured()) {
            authServer = new AuthServer(config.url(), settings.authorizationUrl(), settings.tokenUrl(), null,
                    settings.revocationEndpoint(), List.of(), settings.codeChallengeMethods(), settings.tokenAuthMethods(), List.of());
        } else {
            Discovery.Discovered discovered = discovery.discover(config.url(), config.headers());
            authServer = discovered.server();
            resource = settings.sendResource() ? discovered.resource() : null;
            resourceScopes = discovered.resourceScopes();
        }
        String scope = settings.scope() != null ? settings.scope()
                : !resourceScopes.isEmpty() ? String.join(" ", resourceScopes)
                : authServer.scopesSupported().isEmpty() ? null : String.join(" ", authServer.scopesSupported());
        OAuthClient client = settings.clientId() != null
                ? new OAuthClient(settings.clientId(), settings.clientSecret(), settings.authMethod(authServer.tokenAuthMethods()),
                        authServer.tokenEndpoint(), authServer.revocationEndpoint())
                : registration.register(authServer, redirectUri, scope);
        String verifier = random();
        String state = random();
        String binding = random();
        long expiresAt = now + properties.flowTimeout().toMillis();
        String authUrl = authorizationUrl(authServer, client, redirectUri, verifier, state, scope, resource, settings.audience());
        Flow flow = new Flow(Flow.idOf(user.id(), server.name()), state, user.tenantId(), user.id(), server.name(), server.scope(),
                config.url(), authUrl, verifier, redirectUri, client, resource, binding, expiresAt, Flow.PENDING, null);
        flows.start(flow, properties.flowTimeout());
        log.info("MCP sign-in started server={} tenant_id={} user_id={}", server.name(), user.tenantId(), user.id());
        return new Started(link(flow), binding);
    }

    /**
     * The browser came back with a code. The state finds the flow; the server in the path must be its
     * server (else 404); the browser must carry the flow's cookie; only then is the state used up and the
     * code exchanged. A state that is unknown, expired, used or another flow's changes nothing.
     *
     * @param cookie the browser's cookie value by name
     * @return null when the person is signed in, else LibreChat's error for {@code /oauth/error}
     * @throws ApiException.NotFound when the path names another server than the flow's
     */
    @Nullable String complete(String serverName, String state, String code, Function<String, @Nullable String> cookie) {
        Flow flow = flows.byState(state).filter(f -> f.pending(System.currentTimeMillis())).orElse(null);
        if (flow == null) {
            return "invalid_state";
        }
        if (!flow.serverName().equals(serverName)) {
            throw ServerRegistry.notFound(serverName);
        }
        if (!BrowserBinding.matches(cookie.apply(BrowserBinding.cookieName(serverName)), flow.binding())) {
            log.warn("MCP sign-in callback from a browser that did not start it server={} user_id={}", serverName, flow.userId());
            return "csrf_validation_failed";
        }
        if (!flows.claim(state)) {
            return "invalid_state"; // a second callback with the same state
        }
        try {
            TokenRequests.Granted granted = requests.exchange(java.util.Objects.requireNonNull(flow.client()), code,
                    flow.codeVerifier(), flow.redirectUri(), flow.resource());
            tokens.save(flow, granted);
        } catch (TokenRequests.Refused | UpstreamFailure | ApiException e) {
            flows.update(flow.ended(Flow.FAILED, "The authorization server did not issue a token"), remaining(flow));
            log.info("MCP sign-in failed at the token endpoint server={} user_id={} reason={}", serverName, flow.userId(),
                    e.getMessage());
            return "callback_failed";
        }
        flows.update(flow.ended(Flow.COMPLETED, null), remaining(flow));
        connections.closePersonal(flow.tenantId(), flow.userId(), flow.serverName(), flow.serverScope());
        log.info("MCP sign-in completed server={} tenant_id={} user_id={}", serverName, flow.tenantId(), flow.userId());
        return null;
    }

    /**
     * The authorization server sent the browser back with an error (the person declined, say). Ends the
     * flow when the browser is the one that started it; otherwise changes nothing.
     */
    void declined(String serverName, String state, String error, Function<String, @Nullable String> cookie) {
        flows.byState(state).filter(f -> f.pending(System.currentTimeMillis()) && f.serverName().equals(serverName)
                && BrowserBinding.matches(cookie.apply(BrowserBinding.cookieName(serverName)), f.binding())).ifPresent(flow -> {
            if (flows.claim(state)) {
                flows.update(flow.ended(Flow.FAILED, error), remaining(flow));
            }
        });
    }

    /** The person's flow by LibreChat's id ({@code <userId>:<serverName>}); another person's is not found. */
    Optional<Flow> byId(CurrentUser user, String flowId) {
        String prefix = user.id() + ":";
        if (!flowId.startsWith(prefix) || flowId.length() == prefix.length()) {
            return Optional.empty();
        }
        return flows.byKey(Flow.keyOf(user.tenantId(), user.id(), flowId.substring(prefix.length())))
                .filter(flow -> flow.userId().equals(user.id()) && flow.tenantId().equals(user.tenantId()));
    }

    /** @return whether a pending sign-in was cancelled */
    boolean cancel(CurrentUser user, ServerRef server) {
        Optional<Flow> pending = flows.byKey(Flow.keyOf(user.tenantId(), user.id(), server.name()))
                .filter(flow -> flow.pending(System.currentTimeMillis()));
        pending.ifPresent(flow -> {
            flows.dropState(flow.state());
            flows.update(flow.ended(Flow.FAILED, "User cancelled OAuth flow"), remaining(flow));
        });
        return pending.isPresent();
    }

    /** The cookie value of the person's pending sign-in to the server, for a browser about to open its link. */
    Optional<Started> pending(CurrentUser user, ServerRef server) {
        return flows.byKey(Flow.keyOf(user.tenantId(), user.id(), server.name()))
                .filter(flow -> flow.pending(System.currentTimeMillis()) && flow.serverScope().equals(server.scope()))
                .map(flow -> new Started(link(flow), flow.binding()));
    }

    Duration flowTimeout() {
        return properties.flowTimeout();
    }

    private static Link link(Flow flow) {
        return new Link(flow.flowId(), flow.authUrl(), Instant.ofEpochMilli(flow.expiresAtMs()));
    }

    private static Duration remaining(Flow flow) {
        return Duration.ofMillis(Math.max(1_000, flow.expiresAtMs() - System.currentTimeMillis()));
    }

    /**
     * The authorization request (RFC 6749 §4.1.1 with RFC 7636's S256 challenge, or plain where the
     * server offers only that), with RFC 8707's {@code resource} and an {@code audience} where configured.
     */
    private static String authorizationUrl(AuthServer server, OAuthClient client, String redirectUri, String verifier,
                                           String state, @Nullable String scope, @Nullable String resource,
                                           @Nullable String audience) {
        URI endpoint;
        try {
            endpoint = URI.create(server.authorizationEndpoint());
        } catch (IllegalArgumentException e) {
            throw ApiException.Invalid.field("authorization_endpoint", "is not a URL");
        }
        if (!"https".equalsIgnoreCase(endpoint.getScheme()) && !"http".equalsIgnoreCase(endpoint.getScheme())
                || endpoint.getHost() == null) {
            // it is opened in the person's browser: never a javascript: or data: URL
            throw ApiException.Invalid.field("authorization_endpoint", "must be an http(s) URL");
        }
        boolean plainOnly = !server.codeChallengeMethods().isEmpty() && !server.codeChallengeMethods().contains("S256")
                && server.codeChallengeMethods().contains("plain");
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", client.id());
        query.put("redirect_uri", redirectUri);
        query.put("state", state);
        query.put("code_challenge", plainOnly ? verifier : challenge(verifier));
        query.put("code_challenge_method", plainOnly ? "plain" : "S256");
        if (scope != null && !scope.isBlank()) {
            query.put("scope", scope);
        }
        if (resource != null) {
            query.put("resource", resource);
        }
        if (audience != null) {
            query.put("audience", audience);
        }
        List<String> pairs = new ArrayList<>();
        query.forEach((k, v) -> pairs.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        String base = server.authorizationEndpoint();
        return base + (base.contains("?") ? "&" : "?") + pairs.stream().collect(Collectors.joining("&"));
    }

    private static String challenge(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 256 random bits, base64url: 43 characters, as a state, a PKCE verifier (RFC 7636 §4.1) and a cookie value. */
    static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
