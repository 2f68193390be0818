package io.parley.mcp.oauth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.NettyWrapper;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import okhttp3.Headers;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real OAuth 2 authorization server on 127.0.0.1 (navikt's mock-oauth2-server: authorization
 * endpoint without a login page, so that a test is the browser; token endpoint with the code, PKCE and
 * refresh grants, rotating refresh tokens; revocation; JWKS), one issuer per first path segment. The
 * issuer {@code dcr} also answers RFC 8414's path-inserted metadata URL and registers clients (RFC 7591),
 * which the mock itself does not: a few lines of routes of our own in front of it. Token, revocation
 * and registration requests are recorded.
 */
final class AuthorizationServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A request as it arrived: path, form or JSON body, Authorization header. */
    record Seen(String path, String body, String authorization) {
    }

    private final MockOAuth2Server server;
    final List<Seen> tokenRequests = new CopyOnWriteArrayList<>();
    final List<Seen> revocations = new CopyOnWriteArrayList<>();
    final List<Seen> registrations = new CopyOnWriteArrayList<>();

    AuthorizationServer() {
        server = new MockOAuth2Server(new OAuth2Config(false, null, null, true, new OAuth2TokenProvider(), java.util.Set.of(),
                new NettyWrapper(null)), new Record(), new DcrMetadata(), new Register());
        try {
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String base() {
        return "http://127.0.0.1:" + server.baseUrl().port();
    }

    String issuer(String id) {
        return base() + "/" + id;
    }

    int port() {
        return server.baseUrl().port();
    }

    @Override
    public void close() {
        server.shutdown();
    }

    /** Looks at token and revocation requests and lets them through. */
    private final class Record implements Route {
        @Override
        public boolean match(OAuth2HttpRequest request) {
            String path = request.getUrl().encodedPath();
            Seen seen = new Seen(path, request.getBody() == null ? "" : request.getBody(), request.getHeaders().get("Authorization"));
            if (path.endsWith("/token") && request.getBody() != null) {
                tokenRequests.add(seen);
            } else if (path.endsWith("/revoke")) {
                revocations.add(seen);
            }
            return false;
        }

        @Override
        public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
            throw new IllegalStateException("never matches");
        }
    }

    /** RFC 8414 §3.1: the metadata of issuer {@code <base>/dcr} at {@code /.well-known/oauth-authorization-server/dcr}. */
    private final class DcrMetadata implements Route {
        @Override
        public boolean match(OAuth2HttpRequest request) {
            return request.getUrl().encodedPath().equals("/.well-known/oauth-authorization-server/dcr");
        }

        @Override
        public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
            String issuer = issuer("dcr");
            Map<String, Object> metadata = Map.ofEntries(Map.entry("issuer", issuer),
                    Map.entry("authorization_endpoint", issuer + "/authorize"), Map.entry("token_endpoint", issuer + "/token"),
                    Map.entry("jwks_uri", issuer + "/jwks"), Map.entry("revocation_endpoint", issuer + "/revoke"),
                    Map.entry("registration_endpoint", issuer + "/register"),
                    Map.entry("response_types_supported", List.of("code")),
                    Map.entry("grant_types_supported", List.of("authorization_code", "refresh_token")),
                    Map.entry("code_challenge_methods_supported", List.of("S256")),
                    Map.entry("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "none")));
            return json(200, metadata);
        }
    }

    /** RFC 7591: any client is registered, with a secret for Basic authentication. */
    private final class Register implements Route {
        @Override
        public boolean match(OAuth2HttpRequest request) {
            return request.getUrl().encodedPath().equals("/dcr/register") && "POST".equals(request.getMethod());
        }

        @Override
        @SuppressWarnings("unchecked")
        public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
            registrations.add(new Seen("/dcr/register", request.getBody(), request.getHeaders().get("Authorization")));
            Map<String, Object> asked = JSON.readValue(request.getBody(), Map.class);
            return json(201, Map.of("client_id", "dcr-" + UUID.randomUUID(), "client_secret", UUID.randomUUID().toString(),
                    "client_id_issued_at", System.currentTimeMillis() / 1000, "redirect_uris", asked.get("redirect_uris"),
                    "grant_types", asked.get("grant_types"), "token_endpoint_auth_method", "client_secret_basic"));
        }
    }

    private static OAuth2HttpResponse json(int status, Object body) {
        return new OAuth2HttpResponse(Headers.of("Content-Type", "application/json"), status, JSON.writeValueAsString(body), null);
    }
}
