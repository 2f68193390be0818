package io.parley.mcp.oauth;

import io.parley.mcp.connection.UpstreamFailure;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The token endpoint (RFC 6749: the authorization code with its PKCE verifier, and the refresh token;
 * RFC 8707's {@code resource} with both when the resource named one) and the revocation endpoint
 * (RFC 7009).
 */
@Component
class TokenRequests {

    private static final Logger log = LoggerFactory.getLogger(TokenRequests.class);

    /** A token endpoint's answer. {@code expiresIn} in seconds; null when it did not say. */
    record Granted(String accessToken, String tokenType, @Nullable Long expiresIn, @Nullable String refreshToken,
                   @Nullable String scope) {
    }

    /** The authorization server refused (an OAuth error such as {@code invalid_grant}); the code says which. */
    static final class Refused extends RuntimeException {

        private final String error;

        Refused(String error) {
            super("The authorization server refused: " + error, null, false, false);
            this.error = error;
        }

        String error() {
            return error;
        }
    }

    private final OAuthHttp http;

    TokenRequests(OAuthHttp http) {
        this.http = http;
    }

    Granted exchange(OAuthClient client, String code, String verifier, String redirectUri, @Nullable String resource) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("code_verifier", verifier);
        if (resource != null) {
            form.put("resource", resource);
        }
        return grant(client, form);
    }

    Granted refresh(OAuthClient client, String refreshToken, @Nullable String resource) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        if (resource != null) {
            form.put("resource", resource);
        }
        return grant(client, form);
    }

    /** Revokes {@code token} where the server allows it; a failure is logged, never thrown (the local copy goes anyway). */
    void revoke(OAuthClient client, String token, String hint) {
        if (client.revocationEndpoint() == null) {
            return;
        }
        try {
            OAuthHttp.Answer answer = http.postForm(client.revocationEndpoint(),
                    client.authenticate(Map.of("token", token, "token_type_hint", hint)), client.basic());
            if (!answer.ok()) {
                log.warn("An MCP OAuth token was not revoked status={}", answer.status());
            }
        } catch (RuntimeException e) {
            log.warn("An MCP OAuth token was not revoked reason={}", e.getMessage());
        }
    }

    private Granted grant(OAuthClient client, Map<String, String> form) {
        OAuthHttp.Answer answer = http.postForm(client.tokenEndpoint(), client.authenticate(form), client.basic());
        Map<String, Object> body = answer.body();
        if (!answer.ok()) {
            String error = AuthServer.text(body.get("error"));
            if (answer.status() / 100 == 4 && error != null) {
                throw new Refused(error.length() > 64 ? error.substring(0, 64) : error);
            }
            throw new UpstreamFailure(UpstreamFailure.Kind.UNREACHABLE,
                    "The authorization server did not issue a token (HTTP " + answer.status() + ")");
        }
        String access = AuthServer.text(body.get("access_token"));
        String type = AuthServer.text(body.get("token_type"));
        if (access == null || type != null && !type.equalsIgnoreCase("bearer")) {
            throw new UpstreamFailure(UpstreamFailure.Kind.UNREACHABLE, "The authorization server answered without a bearer token");
        }
        return new Granted(access, "Bearer", seconds(body.get("expires_in")), AuthServer.text(body.get("refresh_token")),
                AuthServer.text(body.get("scope")));
    }

    private static @Nullable Long seconds(@Nullable Object value) {
        if (value instanceof Number n) {
            return n.longValue() > 0 ? n.longValue() : null;
        }
        if (value instanceof String s) {
            try {
                long parsed = Long.parseLong(s.trim());
                return parsed > 0 ? parsed : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
