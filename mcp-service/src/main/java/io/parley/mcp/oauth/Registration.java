package io.parley.mcp.oauth;

import io.parley.common.error.ApiException;
import io.parley.mcp.connection.UpstreamFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Dynamic client registration (RFC 7591), as LibreChat does it: one client per sign-in, named
 * "Parley", for the callback URL, with the refresh grant when the server offers it, and the first
 * token endpoint authentication method of basic, post and none the server supports.
 */
@Component
class Registration {

    private final OAuthHttp http;

    Registration(OAuthHttp http) {
        this.http = http;
    }

    /**
     * @throws UpstreamFailure when the server does not register the client
     */
    OAuthClient register(AuthServer server, String redirectUri, @Nullable String scope) {
        if (server.registrationEndpoint() == null) {
            throw new ApiException.Invalid("oauth_registration_unavailable", "The MCP server's authorization server registers "
                    + "no clients; the operator must configure oauth.client_id for it", List.of());
        }
        List<String> grants = new ArrayList<>(List.of("authorization_code"));
        if (server.grantTypes().isEmpty() || server.grantTypes().contains("refresh_token")) {
            grants.add("refresh_token");
        }
        List<String> methods = server.tokenAuthMethods();
        String method = methods.isEmpty() || methods.contains("client_secret_basic") ? "client_secret_basic"
                : methods.contains("client_secret_post") ? "client_secret_post"
                : methods.contains("none") ? "none" : methods.getFirst();
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("client_name", "Parley");
        request.put("redirect_uris", List.of(redirectUri));
        request.put("grant_types", grants);
        request.put("response_types", List.of("code"));
        request.put("token_endpoint_auth_method", method);
        if (scope != null && !scope.isBlank()) {
            request.put("scope", scope);
        }
        OAuthHttp.Answer answer = http.postJson(server.registrationEndpoint(), request);
        String clientId = AuthServer.text(answer.body().get("client_id"));
        if (!answer.ok() || clientId == null) {
            throw new UpstreamFailure(UpstreamFailure.Kind.UNREACHABLE,
                    "The authorization server did not register a client (HTTP " + answer.status() + ")");
        }
        String secret = AuthServer.text(answer.body().get("client_secret"));
        String granted = AuthServer.text(answer.body().get("token_endpoint_auth_method"));
        String authMethod = granted != null ? granted : secret == null ? "none" : method;
        return new OAuthClient(clientId, secret, authMethod, server.tokenEndpoint(), server.revocationEndpoint());
    }
}
