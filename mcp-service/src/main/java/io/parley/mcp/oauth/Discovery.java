package io.parley.mcp.oauth;

import io.parley.common.error.ApiException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Finds the authorization server of an MCP server as the MCP authorization spec asks: the protected
 * resource metadata (RFC 9728) named by the server's 401 ({@code WWW-Authenticate: Bearer
 * resource_metadata="…"}), else at its well-known URIs; then that authorization server's metadata
 * (RFC 8414, or OpenID Connect discovery) at the well-known URIs of its issuer. Without protected
 * resource metadata the MCP server's origin is taken as the issuer, and without any metadata LibreChat's
 * fallback endpoints ({@code /authorize}, {@code /token}, {@code /register}) on it. Every URL passes
 * the outbound guard ({@link OAuthHttp}).
 */
@Component
class Discovery {

    private static final Logger log = LoggerFactory.getLogger(Discovery.class);
    private static final Pattern PARAM = Pattern.compile("([A-Za-z_]+)\\s*=\\s*(?:\"([^\"]*)\"|([^,\\s]*))");
    private static final String RESOURCE_WELL_KNOWN = "/.well-known/oauth-protected-resource";

    /**
     * @param resource       the protected resource's identifier (RFC 8707's {@code resource}), or null
     * @param resourceScopes the scopes the resource (or its 401) asks for
     */
    record Discovered(AuthServer server, @Nullable String resource, List<String> resourceScopes) {
    }

    private final OAuthHttp http;

    Discovery(OAuthHttp http) {
        this.http = http;
    }

    /**
     * @throws ApiException.Invalid when a URL is refused by the guard or the metadata does not fit the server
     * @throws io.parley.mcp.connection.UpstreamFailure when a server cannot be reached
     */
    Discovered discover(String mcpUrl, Map<String, String> headers) {
        URI mcp = URI.create(mcpUrl);
        Map<String, String> challenge = http.challenge(mcpUrl, headers).map(Discovery::parameters).orElse(Map.of());
        List<String> candidates = new ArrayList<>();
        if (challenge.get("resource_metadata") != null) {
            candidates.add(challenge.get("resource_metadata"));
        } else {
            String path = trimmedPath(mcp);
            if (!path.isEmpty()) {
                candidates.add(origin(mcp) + RESOURCE_WELL_KNOWN + path);
            }
            candidates.add(origin(mcp) + RESOURCE_WELL_KNOWN);
        }
        Map<String, Object> resource = null;
        for (String candidate : candidates) {
            Optional<Map<String, Object>> found = http.getJson(candidate);
            if (found.isPresent()) {
                resource = found.get();
                break;
            }
        }
        String resourceId = null;
        List<String> scopes = challenge.get("scope") == null ? List.of() : List.of(challenge.get("scope").split("\\s+"));
        String issuer = origin(mcp);
        if (resource != null) {
            resourceId = AuthServer.text(resource.get("resource"));
            // RFC 9728 §3.3: metadata for another resource must not be used for this one
            if (resourceId != null && !sameOrigin(resourceId, mcp)) {
                throw new ApiException.Invalid("oauth_metadata_mismatch",
                        "The MCP server's protected resource metadata names another resource", List.of());
            }
            List<String> servers = AuthServer.texts(resource.get("authorization_servers"));
            if (!servers.isEmpty()) {
                issuer = servers.getFirst();
            }
            if (scopes.isEmpty()) {
                scopes = AuthServer.texts(resource.get("scopes_supported"));
            }
        }
        return new Discovered(authorizationServer(issuer), resourceId, scopes);
    }

    private AuthServer authorizationServer(String issuer) {
        URI uri = URI.create(issuer);
        String origin = origin(uri);
        String path = trimmedPath(uri);
        List<String> candidates = path.isEmpty()
                ? List.of(origin + "/.well-known/oauth-authorization-server", origin + "/.well-known/openid-configuration")
                : List.of(origin + "/.well-known/oauth-authorization-server" + path,
                        origin + "/.well-known/openid-configuration" + path,
                        origin + path + "/.well-known/openid-configuration",
                        origin + path + "/.well-known/oauth-authorization-server");
        for (String candidate : candidates) {
            Optional<Map<String, Object>> metadata = http.getJson(candidate);
            if (metadata.isEmpty()) {
                continue;
            }
            // RFC 8414 §3.3: the document must be the issuer's own
            if (!trimSlash(String.valueOf(metadata.get().get("issuer"))).equals(trimSlash(issuer))) {
                log.debug("Authorization server metadata for another issuer left out url={}", candidate);
                continue;
            }
            AuthServer server = AuthServer.of(metadata.get(), issuer);
            if (server != null) {
                return server;
            }
        }
        // LibreChat's fallback when a server publishes no metadata (the MCP SDK's defaults)
        return new AuthServer(issuer, origin + "/authorize", origin + "/token", origin + "/register", null,
                List.of(), List.of("S256"), List.of(), List.of("authorization_code", "refresh_token"));
    }

    /** The auth-params of a {@code WWW-Authenticate: Bearer …} header, names lower-cased. */
    static Map<String, String> parameters(String header) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(header);
        while (m.find()) {
            out.put(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2) != null ? m.group(2) : m.group(3));
        }
        return out;
    }

    private static boolean sameOrigin(String url, URI mcp) {
        try {
            return origin(URI.create(url)).equalsIgnoreCase(origin(mcp));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String origin(URI uri) {
        return uri.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + uri.getRawAuthority();
    }

    private static String trimmedPath(URI uri) {
        return trimSlash(uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private static String trimSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
