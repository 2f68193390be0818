package io.parley.auth.openid;

import io.parley.auth.identityprovider.ProviderClient;
import java.util.List;

/**
 * What an OpenID Connect provider publishes about itself (OpenID Connect Discovery 1.0 §3), or what
 * is configured for one that is not discovered (Google).
 *
 * @param userinfoEndpoint      null when the provider has none
 * @param tokenEndpointAuthMethods empty when not published (then {@code client_secret_basic}, the default)
 */
record OidcMetadata(String issuer, String authorizationEndpoint, String tokenEndpoint, String jwksUri,
                    String userinfoEndpoint, List<String> tokenEndpointAuthMethods) {

    /** Basic authentication unless the provider says it takes only secrets in the body. */
    ProviderClient.ClientAuth clientAuth() {
        return tokenEndpointAuthMethods.isEmpty() || tokenEndpointAuthMethods.contains("client_secret_basic")
                ? ProviderClient.ClientAuth.BASIC : ProviderClient.ClientAuth.POST;
    }
}
