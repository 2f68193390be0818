package io.parley.auth.identityprovider;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** A provider people can sign in with through the authorization-code flow. */
public interface OAuthProvider {

    /** The path segment and LibreChat's provider name: {@code google}, {@code github}, … */
    String name();

    /** Whether its client id and secret (and, for OpenID, issuer and session secret) are set. */
    boolean configured();

    /** Where to send the browser to sign in, with {@code state} and the PKCE challenge (and nonce) of {@code attempt}. */
    URI authorizationUri(PendingSignIn attempt, String state);

    /**
     * Exchanges the authorization code (with the PKCE verifier) and says who signed in.
     *
     * @throws SignInFailed when the provider refuses or its answer does not hold up
     */
    ExternalIdentity identify(String code, PendingSignIn attempt);

    /** RFC 6749 §4.1.1 with PKCE (RFC 7636), which every provider gets: one that does not know it ignores it. */
    static Map<String, String> codeRequest(String clientId, String redirectUri, String scope, String state,
                                          PendingSignIn attempt) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("response_type", "code");
        parameters.put("client_id", clientId);
        parameters.put("redirect_uri", redirectUri);
        parameters.put("scope", scope);
        parameters.put("state", state);
        parameters.put("code_challenge", Secrets.pkceChallenge(attempt.codeVerifier()));
        parameters.put("code_challenge_method", "S256");
        return parameters;
    }

    /** RFC 6749 §4.1.3 with the PKCE verifier. */
    static Map<String, String> codeGrant(String code, String redirectUri, PendingSignIn attempt) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("grant_type", "authorization_code");
        parameters.put("code", code);
        parameters.put("redirect_uri", redirectUri);
        parameters.put("code_verifier", attempt.codeVerifier());
        return parameters;
    }
}
