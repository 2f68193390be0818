package io.parley.mcp.oauth;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A server's {@code oauth:} block in librechat.yaml (LibreChat's {@code MCPOptions['oauth']}): a
 * client registered by the operator and, optionally, the endpoints, so that nothing is discovered.
 * Without it (or without {@code client_id}) the client is registered dynamically where the
 * authorization server offers it. User-managed servers have no such block: they are discovered.
 *
 * @param tokenExchangeMethod LibreChat's {@code default_post} (credentials in the form) or
 *                            {@code basic_auth_header}
 */
record ClientSettings(@Nullable String authorizationUrl, @Nullable String tokenUrl, @Nullable String clientId,
                      @Nullable String clientSecret, @Nullable String scope, @Nullable String redirectUri,
                      @Nullable String tokenExchangeMethod, List<String> tokenAuthMethods, List<String> codeChallengeMethods,
                      @Nullable String revocationEndpoint, @Nullable String audience, boolean sendResource) {

    static ClientSettings of(Map<String, Object> oauth) {
        return new ClientSettings(AuthServer.text(oauth.get("authorization_url")), AuthServer.text(oauth.get("token_url")),
                AuthServer.text(oauth.get("client_id")), AuthServer.text(oauth.get("client_secret")),
                AuthServer.text(oauth.get("scope")), AuthServer.text(oauth.get("redirect_uri")),
                AuthServer.text(oauth.get("token_exchange_method")), list(oauth.get("token_endpoint_auth_methods_supported")),
                list(oauth.get("code_challenge_methods_supported")), AuthServer.text(oauth.get("revocation_endpoint")),
                AuthServer.text(oauth.get("audience")), !"false".equals(String.valueOf(oauth.get("send_resource_parameter"))));
    }

    /** Everything a sign-in needs is configured: nothing is discovered. */
    boolean preconfigured() {
        return authorizationUrl != null && tokenUrl != null && clientId != null;
    }

    /**
     * How the client authenticates at the token endpoint: LibreChat's {@code token_exchange_method}
     * when given, else the first of basic, post and none the server accepts (basic when it says nothing).
     */
    String authMethod(List<String> supported) {
        if (clientSecret == null) {
            return "none";
        }
        if ("basic_auth_header".equalsIgnoreCase(tokenExchangeMethod)) {
            return "client_secret_basic";
        }
        if ("default_post".equalsIgnoreCase(tokenExchangeMethod)) {
            return "client_secret_post";
        }
        List<String> methods = !tokenAuthMethods.isEmpty() ? tokenAuthMethods : supported;
        return methods.isEmpty() || methods.contains("client_secret_basic") ? "client_secret_basic"
                : methods.contains("client_secret_post") ? "client_secret_post" : "client_secret_basic";
    }

    /**
     * A list from librechat.yaml: a YAML list binds as a map of indexes ({@code 0: a, 1: b}), a
     * comma-separated text is split.
     */
    private static List<String> list(@Nullable Object value) {
        if (value instanceof Map<?, ?> indexed) {
            return indexed.values().stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        if (value instanceof String text && !text.isBlank()) {
            return List.of(text.split("\\s*,\\s*"));
        }
        return AuthServer.texts(value);
    }
}
