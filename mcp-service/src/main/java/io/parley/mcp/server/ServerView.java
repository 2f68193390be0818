package io.parley.mcp.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A server's configuration as routes show it, with every place a secret can sit left out
 * (CVE-2026-32625 class): no headers, env, args, OAuth settings, and the URL without user info,
 * query or fragment (keys are often passed as {@code ?api_key=}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServerView(String serverName, String type, String url, String command, String title, String description,
                         String iconPath, Boolean startup, Boolean chatMenu, boolean requiresOAuth, Long timeout,
                         Long initTimeout, Map<String, UserVarView> customUserVars, String source, String dbId) {

    public record UserVarView(String title, String description, boolean sensitive) {
    }

    public static ServerView of(ServerRef server) {
        return of(server.name(), server.config(), server.userManaged() ? "user" : "config", server.id());
    }

    /** @param dbId the ACL resource id of a user-managed server ({@code /api/permissions/mcpServer/:id}); null otherwise */
    public static ServerView of(String name, ServerConfig config, String source, String dbId) {
        Map<String, UserVarView> vars = new LinkedHashMap<>();
        config.customUserVars().forEach((k, v) -> vars.put(k, new UserVarView(v.title(), v.description(),
                v.sensitive() == null || v.sensitive())));
        return new ServerView(name, config.transport(), withoutSecrets(config.url()), config.command(), config.title(),
                config.description(), config.iconPath(), config.startup(), config.chatMenu(),
                config.usesOAuth(), config.timeout(), config.initTimeout(), vars, source, dbId);
    }

    static String withoutSecrets(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
