package io.parley.mcp.oauth;

import org.jspecify.annotations.Nullable;

/**
 * One person's sign-in to one server, from its start until it ends or expires: who started it, for
 * which server (name, scope and URL, so the tokens land where they were asked for), the client and
 * PKCE verifier the code is exchanged with, and the random values the callback must show. Kept sealed
 * ({@link Flows}). A completed or failed flow keeps only its outcome, for the status route.
 *
 * @param flowId  LibreChat's {@code <userId>:<serverName>}
 * @param state   the unguessable {@code state} of the authorization request; empty once it was used
 * @param binding the value of the browser cookie the callback must carry; empty once done
 * @param status  {@link #PENDING}, {@link #COMPLETED} or {@link #FAILED}, as LibreChat's flow states
 */
record Flow(String flowId, String state, String tenantId, String userId, String serverName, String serverScope,
            String serverUrl, String authUrl, String codeVerifier, String redirectUri, @Nullable OAuthClient client,
            @Nullable String resource, String binding, long expiresAtMs, String status, @Nullable String error) {

    static final String PENDING = "PENDING";
    static final String COMPLETED = "COMPLETED";
    static final String FAILED = "FAILED";

    static String idOf(String userId, String serverName) {
        return userId + ":" + serverName;
    }

    /** The key of a person's flow for a server: one at a time, a new one replaces it. */
    String key() {
        return keyOf(tenantId, userId, serverName);
    }

    static String keyOf(String tenantId, String userId, String serverName) {
        return tenantId + "|" + userId + "|" + serverName;
    }

    boolean pending(long nowMs) {
        return PENDING.equals(status) && nowMs < expiresAtMs;
    }

    /** The outcome only: the verifier, the client and the cookie value go. */
    Flow ended(String outcome, @Nullable String why) {
        return new Flow(flowId, "", tenantId, userId, serverName, serverScope, serverUrl, "", "", redirectUri, null, null, "",
                expiresAtMs, outcome, why);
    }
}
