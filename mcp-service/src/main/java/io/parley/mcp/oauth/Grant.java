package io.parley.mcp.oauth;

import org.jspecify.annotations.Nullable;

/**
 * A person's tokens for one server, stored sealed: what the server accepts, how to renew and revoke
 * them (the client and its token endpoint), and the server URL they were asked for, so that a server
 * pointed elsewhere never receives them.
 *
 * @param expiresAtMs when the access token expires, ms since the epoch; 0 when the server did not say
 */
record Grant(String accessToken, @Nullable String refreshToken, long expiresAtMs, @Nullable String scope,
             OAuthClient client, @Nullable String resource, String serverUrl, long obtainedAtMs) {

    boolean expiresBefore(long instantMs) {
        return expiresAtMs > 0 && expiresAtMs <= instantMs;
    }

    /** The same grant with renewed tokens; a refresh token the server did not rotate is kept. */
    Grant renewed(TokenRequests.Granted granted, long nowMs) {
        return new Grant(granted.accessToken(), granted.refreshToken() != null ? granted.refreshToken() : refreshToken,
                granted.expiresIn() == null ? 0 : nowMs + granted.expiresIn() * 1000, granted.scope() != null ? granted.scope() : scope,
                client, resource, serverUrl, nowMs);
    }
}
