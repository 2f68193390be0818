package io.parley.gateway.apidocs;

import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * The paths of the API docs, which the gateway's security lets through without a token while they are
 * on: the page, Swagger UI's files and each service's description — read-only and nothing else. Exact
 * paths, never a prefix in front of the API: a docs route rewrites to the service's {@code /v3/api-docs}
 * alone, so no API route is reachable through it without the token checks.
 */
@Component
@EnableConfigurationProperties(ApiDocsProperties.class)
public final class ApiDocs {

    static final String PAGE = "/api/docs";
    static final String UI = PAGE + "/ui/";
    /** The services whose descriptions the page lists, by the name in {@code parley.services}. */
    static final List<String> SERVICES = List.of("auth", "chat", "agent", "file", "mcp");

    private final boolean enabled;

    ApiDocs(ApiDocsProperties properties) {
        this.enabled = properties.enabled();
    }

    /** Whether the request asks for a page, file or description of the docs while they are on. */
    public boolean serves(ServerHttpRequest request) {
        if (!enabled || !(HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod()))) {
            return false;
        }
        String path = request.getPath().pathWithinApplication().value();
        return path.equals(PAGE) || path.equals(PAGE + "/") || uiFile(path) != null
                || path.startsWith(PAGE + "/") && SERVICES.contains(path.substring(PAGE.length() + 1));
    }

    /** The Swagger UI file a path names: one plain file name under {@link #UI}, or null. */
    static String uiFile(String path) {
        if (!path.startsWith(UI)) {
            return null;
        }
        String name = path.substring(UI.length());
        return name.matches("[A-Za-z0-9][A-Za-z0-9._-]*") && !name.contains("..") ? name : null;
    }
}
