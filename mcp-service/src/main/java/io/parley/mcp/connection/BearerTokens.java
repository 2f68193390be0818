package io.parley.mcp.connection;

import io.parley.common.security.CurrentUser;
import io.parley.mcp.server.ServerRef;

/** A person's OAuth access tokens for the servers that require sign-in, kept by {@code oauth}. */
public interface BearerTokens {

    /**
     * The person's access token for the server, renewed first when it expires soon.
     *
     * @throws SignInRequired when there is none that can be used
     */
    String bearer(CurrentUser user, ServerRef server);

    /**
     * The server refused {@code rejected} (HTTP 401): renews it when it can.
     *
     * @return whether another token is now available (the request is worth sending again)
     */
    boolean renewAfterRejection(CurrentUser user, ServerRef server, String rejected);
}
