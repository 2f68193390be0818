package io.parley.mcp.oauth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The OAuth client mcp-service is at one authorization server for one sign-in (configured, or
 * registered for it), kept sealed with the sign-in and later with its tokens, which are renewed and
 * revoked as the same client.
 *
 * @param secret     null for a public client
 * @param authMethod {@code client_secret_basic}, {@code client_secret_post} or {@code none}
 */
record OAuthClient(String id, @Nullable String secret, String authMethod, String tokenEndpoint,
                   @Nullable String revocationEndpoint) {

    /** {@code form} with the client's credentials where its method puts them. */
    Map<String, String> authenticate(Map<String, String> form) {
        Map<String, String> out = new LinkedHashMap<>(form);
        if (!"client_secret_basic".equals(authMethod) || secret == null) {
            out.put("client_id", id);
            if ("client_secret_post".equals(authMethod) && secret != null) {
                out.put("client_secret", secret);
            }
        }
        return out;
    }

    /** RFC 6749 §2.3.1: both parts form-encoded, then Base64; null unless the method is basic. */
    @Nullable String basic() {
        if (!"client_secret_basic".equals(authMethod) || secret == null) {
            return null;
        }
        String pair = URLEncoder.encode(id, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** The client without its secret, for what is kept after a sign-in ends. */
    OAuthClient withoutSecret() {
        return new OAuthClient(id, null, authMethod, tokenEndpoint, revocationEndpoint);
    }
}
