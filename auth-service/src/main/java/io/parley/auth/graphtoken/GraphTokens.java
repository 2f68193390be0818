package io.parley.auth.graphtoken;

import io.parley.auth.identityprovider.JsonFields;
import io.parley.auth.identityprovider.ProviderTokens;
import io.parley.auth.identityprovider.SignInFailed;
import io.parley.auth.openid.OpenIdProvider;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * LibreChat's graph token: the OpenID provider's access token of the caller's login session,
 * exchanged on the caller's behalf for one with the requested scopes (Entra ID's on-behalf-of flow,
 * the JWT bearer grant with {@code requested_token_use=on_behalf_of}). An access token that has
 * expired is first renewed with the session's refresh token.
 */
@Component
public class GraphTokens {

    private static final Logger log = LoggerFactory.getLogger(GraphTokens.class);
    /** Space-separated scope tokens (RFC 6749 §3.3), bounded. */
    private static final Pattern SCOPES = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+( [\\x21\\x23-\\x5B\\x5D-\\x7E]+)*");

    private final OpenIdTokenStore store;
    private final OpenIdProvider openid;

    GraphTokens(OpenIdTokenStore store, OpenIdProvider openid) {
        this.store = store;
        this.openid = openid;
    }

    /**
     * Keeps the provider's tokens of a login session that an OpenID sign-in just started, for later
     * exchanges; they go when the session ends.
     */
    public void remember(String tenantId, String sessionId, String userId, ProviderTokens tokens, Instant sessionEnds) {
        store.save(tenantId, sessionId, userId, tokens, sessionEnds);
    }

    /** @return LibreChat's body: {@code {access_token, token_type, expires_in, scope}} */
    Map<String, Object> exchange(CurrentUser caller, String scopes) {
        ProviderTokens tokens = store.find(caller.tenantId(), caller.sessionId(), caller.id())
                .orElseThrow(() -> new ApiException.Forbidden("Microsoft Graph access requires Entra ID authentication"));
        if (scopes == null || scopes.isBlank()) {
            throw new ApiException.Invalid("Graph API scopes are required as query parameter");
        }
        if (scopes.length() > 2000 || !SCOPES.matcher(scopes).matches()) {
            throw ApiException.Invalid.field("scopes", "must be space-separated OAuth scopes");
        }
        try {
            if (openid.expired(tokens)) {
                if (tokens.refreshToken() == null) {
                    throw new ApiException.Forbidden("openid_expired", "The OpenID sign-in has expired; please sign in again.");
                }
                tokens = openid.refresh(tokens);
                store.replace(caller.tenantId(), caller.sessionId(), caller.id(), tokens);
            }
            JsonNode answer = openid.onBehalfOf(tokens.accessToken(), scopes);
            String accessToken = JsonFields.text(answer, "access_token");
            if (accessToken == null) {
                throw new SignInFailed("token response has no access token");
            }
            JsonNode expiresIn = answer.get("expires_in");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("access_token", accessToken);
            body.put("token_type", "Bearer");
            body.put("expires_in", expiresIn != null && expiresIn.canConvertToLong() ? expiresIn.asLong() : 3600);
            body.put("scope", scopes);
            return body;
        } catch (SignInFailed e) {
            log.warn("Graph token not obtained tenant_id={} user_id={} reason={}", caller.tenantId(), caller.id(),
                    e.getMessage());
            throw new ApiException.Unavailable("Failed to obtain Microsoft Graph token");
        }
    }
}
