package io.parley.mcp.server;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One MCP server as librechat.yaml's {@code mcpServers.<name>} describes it (LibreChat's
 * {@code packages/data-provider/src/mcp.ts}). {@code ${ENV}} references are already resolved when
 * the file is read; {@code {{LIBRECHAT_USER_*}}} and custom variable placeholders are resolved per
 * person by {@link Placeholders}. Headers, env and OAuth settings may hold secrets: no route returns
 * them (see {@link ServerView}).
 *
 * @param type        stdio (default when a command is given), sse, streamable-http, http or websocket
 * @param timeout     per request, ms; null means {@link #DEFAULT_TIMEOUT_MS}
 * @param initTimeout for initialize, ms; null means {@link #DEFAULT_INIT_TIMEOUT_MS}
 */
public record ServerConfig(String type, String url, String command, List<String> args, Map<String, String> env,
                           Map<String, String> headers, Long timeout, Long initTimeout, String iconPath, String title,
                           String description, Boolean startup, Boolean chatMenu, Boolean requiresOAuth,
                           Map<String, UserVar> customUserVars, Map<String, Object> oauth) {

    public static final long DEFAULT_TIMEOUT_MS = 60_000;
    public static final long DEFAULT_INIT_TIMEOUT_MS = 10_000;
    /** The transports over the network; the only ones a user-managed server may use. */
    public static final Set<String> REMOTE = Set.of("sse", "streamable-http", "http", "websocket");

    public ServerConfig {
        args = args == null ? List.of() : List.copyOf(args);
        env = env == null ? Map.of() : Map.copyOf(env);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        customUserVars = customUserVars == null ? Map.of() : Map.copyOf(customUserVars);
        oauth = oauth == null ? Map.of() : Map.copyOf(oauth);
    }

    /** A variable each person supplies ({@code {{NAME}}} in url, headers or env). */
    public record UserVar(String title, String description, Boolean sensitive) {
    }

    /** LibreChat's default: stdio when no type is given but a command is, else by the URL's scheme. */
    public String transport() {
        if (type != null && !type.isBlank()) {
            return "http".equals(type) ? "streamable-http" : type;
        }
        if (command != null && !command.isBlank()) {
            return "stdio";
        }
        if (url != null && (url.startsWith("ws://") || url.startsWith("wss://"))) {
            return "websocket";
        }
        return "streamable-http";
    }

    public long timeoutMs() {
        return timeout == null || timeout <= 0 ? DEFAULT_TIMEOUT_MS : timeout;
    }

    public long initTimeoutMs() {
        return initTimeout == null || initTimeout <= 0 ? DEFAULT_INIT_TIMEOUT_MS : initTimeout;
    }

    /**
     * Whether people sign in to the server with OAuth, each with a token of their own: LibreChat's
     * {@code requiresOAuth: true}, or an {@code oauth} block unless {@code requiresOAuth} is false.
     * Remote servers only (a process has no HTTP to carry a token).
     */
    public boolean usesOAuth() {
        boolean wanted = Boolean.TRUE.equals(requiresOAuth) || !Boolean.FALSE.equals(requiresOAuth) && !oauth.isEmpty();
        return wanted && !"stdio".equals(transport());
    }

    /** Whether connections differ per person: headers, env, url or args name a person or their variables. */
    public boolean perUser() {
        if (!customUserVars.isEmpty()) {
            return true;
        }
        StringBuilder all = new StringBuilder(url == null ? "" : url);
        headers.values().forEach(all::append);
        env.values().forEach(all::append);
        args.forEach(all::append);
        return all.indexOf("{{") >= 0;
    }
}
