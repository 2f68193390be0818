package io.parley.chat.agent;

import org.jspecify.annotations.Nullable;

/**
 * What one tool call of an agent run gave: the output the model reads, and where the person signs in
 * first when the tool's server requires it (nothing was called then, and the output says so).
 *
 * @param signIn null unless the person must sign in to the tool's server
 */
public record ToolOutput(String output, @Nullable SignIn signIn) {

    static ToolOutput of(String output) {
        return new ToolOutput(output, null);
    }

    /**
     * LibreChat's tool-call {@code auth} (the authorization server's page, which returns to
     * {@code /api/mcp/<server>/oauth/callback}) and {@code expires_at} (ms since the epoch).
     */
    public record SignIn(String authUrl, long expiresAt) {
    }
}
