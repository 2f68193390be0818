package io.parley.auth.social;

import com.nimbusds.jwt.JWTClaimsSet;
import io.parley.auth.SignInProperties;
import io.parley.auth.identityprovider.ExternalIdentity;
import io.parley.auth.identityprovider.IdTokens;
import io.parley.auth.identityprovider.JsonFields;
import io.parley.auth.identityprovider.OAuthProperties;
import io.parley.auth.identityprovider.OAuthProvider;
import io.parley.auth.identityprovider.OidcProfile;
import io.parley.auth.identityprovider.PendingSignIn;
import io.parley.auth.identityprovider.ProviderClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Google, as an OpenID Connect provider with a fixed issuer: the ID token of the code exchange says
 * who signed in (scope {@code openid profile email}, LibreChat's).
 */
@Component
class GoogleProvider implements OAuthProvider {

    private final SignInProperties.OAuthClient client;
    private final OAuthProperties properties;
    private final OAuthProperties.Google google;
    private final ProviderClient providers;
    private final IdTokens idTokens;

    GoogleProvider(SignInProperties signIn, OAuthProperties properties, ProviderClient providers, IdTokens idTokens) {
        this.client = signIn.google();
        this.properties = properties;
        this.google = properties.google();
        this.providers = providers;
        this.idTokens = idTokens;
    }

    @Override
    public String name() {
        return "google";
    }

    @Override
    public boolean configured() {
        return client.configured();
    }

    @Override
    public URI authorizationUri(PendingSignIn attempt, String state) {
        var parameters = OAuthProvider.codeRequest(client.clientId(), redirectUri(), "openid profile email", state, attempt);
        parameters.put("nonce", attempt.nonce());
        return ProviderClient.withQuery(google.authorizationUri(), parameters);
    }

    @Override
    public ExternalIdentity identify(String code, PendingSignIn attempt) {
        var tokens = providers.token(URI.create(google.tokenUri()),
                new ProviderClient.Client(client.clientId(), client.clientSecret(), ProviderClient.ClientAuth.POST),
                OAuthProvider.codeGrant(code, redirectUri(), attempt));
        JWTClaimsSet claims = idTokens.verify(JsonFields.text(tokens, "id_token"), google.jwksUri(), issuers(),
                client.clientId(), attempt.nonce());
        return OidcProfile.identity(name(), claims.getSubject(), claims.getClaims(), "", "", null);
    }

    /** Google writes its issuer with or without the scheme. */
    private List<String> issuers() {
        List<String> issuers = new ArrayList<>(List.of(google.issuer()));
        if (google.issuer().startsWith("https://")) {
            issuers.add(google.issuer().substring("https://".length()));
        }
        return issuers;
    }

    private String redirectUri() {
        return properties.redirectUri(google.callbackUrl());
    }
}
