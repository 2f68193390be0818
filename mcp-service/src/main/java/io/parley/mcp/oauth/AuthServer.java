package io.parley.mcp.oauth;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What mcp-service needs of an authorization server's metadata (RFC 8414), discovered or configured.
 *
 * @param registrationEndpoint RFC 7591's; null when it registers no clients
 * @param revocationEndpoint   RFC 7009's; null when tokens cannot be revoked there
 */
record AuthServer(String issuer, String authorizationEndpoint, String tokenEndpoint, @Nullable String registrationEndpoint,
                  @Nullable String revocationEndpoint, List<String> scopesSupported, List<String> codeChallengeMethods,
                  List<String> tokenAuthMethods, List<String> grantTypes) {

    AuthServer {
        scopesSupported = List.copyOf(scopesSupported);
        codeChallengeMethods = List.copyOf(codeChallengeMethods);
        tokenAuthMethods = List.copyOf(tokenAuthMethods);
        grantTypes = List.copyOf(grantTypes);
    }

    /** From a metadata document; null when it lacks the two endpoints a sign-in needs. */
    static @Nullable AuthServer of(Map<String, Object> metadata, String issuer) {
        String authorization = text(metadata.get("authorization_endpoint"));
        String token = text(metadata.get("token_endpoint"));
        if (authorization == null || token == null) {
            return null;
        }
        return new AuthServer(issuer, authorization, token, text(metadata.get("registration_endpoint")),
                text(metadata.get("revocation_endpoint")), texts(metadata.get("scopes_supported")),
                texts(metadata.get("code_challenge_methods_supported")),
                texts(metadata.get("token_endpoint_auth_methods_supported")), texts(metadata.get("grant_types_supported")));
    }

    static @Nullable String text(@Nullable Object value) {
        return value instanceof String s && !s.isBlank() ? s.trim() : null;
    }

    static List<String> texts(@Nullable Object value) {
        return value instanceof List<?> list ? list.stream().filter(String.class::isInstance).map(String.class::cast).toList()
                : List.of();
    }
}
