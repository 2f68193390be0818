package io.parley.auth.oauth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.NettyWrapper;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import okhttp3.Headers;

/**
 * A real OpenID Connect provider on 127.0.0.1 (navikt's mock-oauth2-server: discovery, JWKS, login form,
 * token endpoint with the JWT bearer grant), one issuer per first path segment ({@code /openid},
 * {@code /google}, {@code /second}, …). Netty serves it: the OkHttp MockWebServer it defaults to clashes
 * with the OkHttp 5 on this classpath.
 */
public final class IdentityProvider {

    private final MockOAuth2Server server;
    private final List<TokenRequest> tokenRequests = new CopyOnWriteArrayList<>();
    private final AtomicReference<String> substituteTokenResponse = new AtomicReference<>();

    public IdentityProvider() {
        server = new MockOAuth2Server(new OAuth2Config(true, null, null, false, new OAuth2TokenProvider(), java.util.Set.of(),
                new NettyWrapper(null)), new RecordTokenRequests(), new SubstituteTokenResponse());
        try {
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The issuer URL of {@code issuerId}, as the provider writes it into its tokens. */
    public String issuer(String issuerId) {
        return "http://127.0.0.1:" + server.baseUrl().port() + "/" + issuerId;
    }

    /** A token request as the provider received it: the form-encoded body and the Authorization header, or null. */
    public record TokenRequest(String body, String authorization) {
    }

    /** The bodies of every token request so far (form-encoded). */
    public List<String> tokenRequests() {
        return tokenRequests.stream().map(TokenRequest::body).toList();
    }

    /** Every token request so far, with its Authorization header. */
    public List<TokenRequest> receivedTokenRequests() {
        return List.copyOf(tokenRequests);
    }

    /** The next token request of issuer {@code /openid} gets {@code json} instead of the real answer. */
    public void answerNextOpenIdTokenRequestWith(String json) {
        substituteTokenResponse.set(json);
    }

    /** An access token that issuer {@code issuerId} signed itself, with these claims. */
    public String token(String issuerId, Map<String, Object> claims) {
        return server.anyToken(server.url(issuerId).newBuilder().host("127.0.0.1").build(), claims).serialize();
    }

    /** Looks at token requests and lets them through. */
    private final class RecordTokenRequests implements Route {
        @Override
        public boolean match(OAuth2HttpRequest request) {
            if (request.getUrl().encodedPath().endsWith("/token") && request.getBody() != null) {
                tokenRequests.add(new TokenRequest(request.getBody(), request.getHeaders().get("Authorization")));
            }
            return false;
        }

        @Override
        public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
            throw new IllegalStateException("never matches");
        }
    }

    /** Answers one token request of {@code /openid} with a prepared body, as a compromised or mixed-up provider might. */
    private final class SubstituteTokenResponse implements Route {
        @Override
        public boolean match(OAuth2HttpRequest request) {
            return request.getUrl().encodedPath().equals("/openid/token") && substituteTokenResponse.get() != null;
        }

        @Override
        public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
            return new OAuth2HttpResponse(Headers.of("Content-Type", "application/json"), 200,
                    substituteTokenResponse.getAndSet(null), null);
        }
    }
}
