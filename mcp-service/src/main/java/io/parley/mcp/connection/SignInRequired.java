package io.parley.mcp.connection;

import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import org.jspecify.annotations.Nullable;

/**
 * The person has no usable OAuth token for a server that requires one (none yet, refused, or not
 * renewable): they must sign in. Not a failure of the server, so a connection does not back off for
 * it. Whoever can show a link starts a sign-in ({@code oauth.SignIns}); the message names no token.
 */
public final class SignInRequired extends RuntimeException {

    private final @Nullable String serverName;

    /** @param serverName the server, or null where it is not known (the caller names it) */
    public SignInRequired(@Nullable String serverName) {
        super(serverName == null ? "Sign-in to the MCP server is required"
                : "Sign-in to MCP server '" + serverName + "' is required", null, false, false);
        this.serverName = serverName;
    }

    public @Nullable String serverName() {
        return serverName;
    }

    /**
     * The sign-in requirement somewhere in {@code e}'s causes: ours, or the SDK's 401 from the server
     * (a token it no longer accepts, which could not be renewed); null when there is none.
     */
    public static @Nullable SignInRequired in(@Nullable Throwable e, @Nullable String serverName) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SignInRequired required) {
                return required.serverName() != null || serverName == null ? required : new SignInRequired(serverName);
            }
            if (t instanceof McpHttpClientTransportAuthorizationException) {
                return new SignInRequired(serverName);
            }
        }
        return null;
    }
}
